/// Which subset of the dataset a sample belongs to.
public enum Split: String, Sendable, Codable, CaseIterable {
    case train, validation, test

    /// Code stored in the `samples/split` column.
    public var code: Int {
        switch self {
        case .train: return 0
        case .validation: return 1
        case .test: return 2
        }
    }
}

/// One band's observing conditions for one sample (all numbers resolved).
public struct BandSpec: Sendable, Equatable, Codable {
    public var name: String
    /// Magnitude giving 1 electron per second.
    public var zeroPoint: Double
    /// Seconds.
    public var exposureTime: Double
    /// Mean sky in electrons per pixel.
    public var skyElectrons: Double
    public var psf: PSFDescription
    public var noise: NoiseDescription
    /// Electrons per ADU.
    public var gain: Double
    public var subtractSky: Bool
    /// Saturation, detector defects and missing data (nil: none).
    public var defects: DefectDescription?

    public init(name: String, zeroPoint: Double, exposureTime: Double, skyElectrons: Double, psf: PSFDescription,
                noise: NoiseDescription, gain: Double, subtractSky: Bool, defects: DefectDescription? = nil) {
        self.defects = defects
        self.name = name
        self.zeroPoint = zeroPoint
        self.exposureTime = exposureTime
        self.skyElectrons = skyElectrons
        self.psf = psf
        self.noise = noise
        self.gain = gain
        self.subtractSky = subtractSky
    }
}

/// Morphology of one object.
public enum ObjectShapeSpec: Sendable, Equatable, Codable {
    /// Sérsic index n, circularised half-light radius (arcsec), axis ratio q, position angle beta (degrees), reduced shear g1, g2.
    case sersic(n: Double, halfLightRadius: Double, q: Double, beta: Double, g1: Double, g2: Double)
    /// A point source.
    case star
    /// A geometric shape drawn by exact pixel coverage.
    case geometric(GeometricSpec)
    /// A strong-lens system (its flux and magnitude are the lens light's; the source's are in the spec).
    case lens(LensSpec)
    /// A bulge + disk or spiral galaxy (GalaxySpec.swift).
    case galaxy(GalaxySpec)

    /// Kind name as in scene files.
    public var kindName: String {
        switch self {
        case .sersic: return "sersic"
        case .star: return "star"
        case .geometric(let g): return g.kind.rawValue
        case .lens: return "lens"
        case .galaxy(let g): return g.kind.rawValue
        }
    }
}

/// One object of one sample, fully resolved.
public struct ObjectSpec: Sendable, Equatable, Codable {
    /// 1-based id within the stamp (0 is sky in segmentation maps).
    public var id: Int
    /// Index of the scene's object group it came from.
    public var group: Int
    public var shape: ObjectShapeSpec
    /// Offset from the stamp centre in arcsec.
    public var offsetX: Double
    public var offsetY: Double
    /// Total flux per band in electrons.
    public var flux: [Double]
    /// Magnitude per band on the band's zero point.
    public var magnitude: [Double]

    public init(id: Int, group: Int, shape: ObjectShapeSpec, offsetX: Double, offsetY: Double, flux: [Double],
                magnitude: [Double]) {
        self.id = id
        self.group = group
        self.shape = shape
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.flux = flux
        self.magnitude = magnitude
    }
}

/// Everything one sample is: the only input to rendering, written verbatim as its ground truth.
public struct SampleSpec: Sendable, Equatable, Codable {
    /// Index of the sample in the dataset.
    public var index: Int
    public var split: Split
    public var image: ImageGeometry
    public var bands: [BandSpec]
    public var objects: [ObjectSpec]
    /// Point and replicate, when the scene sweeps parameters (absent otherwise).
    public var sweep: SweepPosition?

    public init(index: Int, split: Split, image: ImageGeometry, bands: [BandSpec], objects: [ObjectSpec],
                sweep: SweepPosition? = nil) {
        self.sweep = sweep
        self.index = index
        self.split = split
        self.image = image
        self.bands = bands
        self.objects = objects
    }

    /// Canonical JSON (sorted keys, no whitespace): identical specs give identical bytes.
    public func canonicalJSON() -> String {
        // Byte for byte what JSONEncoder writes with [.sortedKeys, .withoutEscapingSlashes] and non-finite numbers as
        // "inf", "-inf", "nan" (CanonicalJSONTests compares the two), at a fraction of its cost.
        var json = JSONText(capacity: 256 + 320 * bands.count + 512 * objects.count)
        writeCanonicalJSON(into: &json)
        return json.text
    }
}
