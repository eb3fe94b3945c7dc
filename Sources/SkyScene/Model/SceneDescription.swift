/// What the user wrote in a scene file: typed and validated, nothing drawn yet.
public struct SceneDescription: Sendable, Equatable, Codable {
    /// Dataset name (used in the card and the file's attributes).
    public var name: String
    /// One or two sentences: what the dataset is for.
    public var description: String
    /// Master seed: every random number of the dataset derives from it.
    public var seed: UInt64
    /// Number of samples (stamps).
    public var count: Int
    /// Fractions of samples in train / validation / test (they sum to 1).
    public var splits: Splits
    /// Stamp geometry.
    public var image: ImageGeometry
    /// Bands, in the order of the image's channel axis.
    public var bands: [BandDescription]
    /// Object groups drawn into every stamp.
    public var objects: [ObjectGroup]
    /// What the dataset file holds besides the noisy images.
    public var output: OutputOptions
    /// The sweep, when the scene declares one (then count = points × replicates).
    public var sweep: SweepDescription?

    /// True when some band's PSF differs between samples (drawn per sample, or swept).
    public var psfVaries: Bool {
        if bands.contains(where: { $0.psfVariation != nil }) { return true }
        guard let points = sweep?.scenes, let first = points.first else { return false }
        return points.contains { point in point.bands.map(\.psf) != first.bands.map(\.psf) || point.psfVaries }
    }
    /// `--set path=value` overrides applied before validation, in order.
    public var overrides: [String]

    public init(name: String, description: String, seed: UInt64, count: Int, splits: Splits,
                image: ImageGeometry, bands: [BandDescription], objects: [ObjectGroup], output: OutputOptions,
                sweep: SweepDescription? = nil, overrides: [String] = []) {
        self.sweep = sweep
        self.overrides = overrides
        self.name = name
        self.description = description
        self.seed = seed
        self.count = count
        self.splits = splits
        self.image = image
        self.bands = bands
        self.objects = objects
        self.output = output
    }
}

/// Fractions of the dataset in each split.
public struct Splits: Sendable, Equatable, Codable {
    public var train: Double
    public var validation: Double
    public var test: Double
    public init(train: Double, validation: Double, test: Double) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// Stamp size in pixels and pixel scale in arcsec per pixel.
public struct ImageGeometry: Sendable, Equatable, Codable {
    /// Columns (x).
    public var width: Int
    /// Rows (y).
    public var height: Int
    /// Arcsec per pixel.
    public var pixelScale: Double
    public init(width: Int, height: Int, pixelScale: Double) {
        self.width = width
        self.height = height
        self.pixelScale = pixelScale
    }
}

/// Sky background of a band.
public enum SkyLevel: Sendable, Equatable, Codable {
    /// Surface brightness in mag/arcsec².
    case magnitude(Double)
    /// Electrons per pixel per exposure.
    case electrons(Double)
}

/// Point-spread function of a band (unit flux).
public enum PSFDescription: Sendable, Hashable, Codable {
    /// Gaussian with FWHM in arcsec.
    case gaussian(fwhm: Double)
    /// Moffat (1 + (r/r0)²)^(-β) with FWHM in arcsec, untruncated.
    case moffat(beta: Double, fwhm: Double)
    /// Airy pattern of a circular aperture: λ/D in arcsec, central obscuration as a fraction of the diameter.
    case airy(lambdaOverD: Double, obscuration: Double)
    /// A pixelised kernel read from a file (PSFKernel.swift); fixed, never drawn per sample. (Labelled so that the
    /// truth JSON reads {"kernel": {"kernel": {...}}}, not "_0".)
    case kernel(kernel: PSFKernel)

    /// Full width at half maximum in arcsec.
    public var fwhm: Double {
        switch self {
        case .gaussian(let f), .moffat(_, let f): return f
        case .airy(let lambdaOverD, let obscuration): return AiryShape.fwhm(lambdaOverD: lambdaOverD, obscuration: obscuration)
        case .kernel(let k): return k.fwhm
        }
    }

    /// The scene-file name of the PSF type.
    public var typeName: String {
        switch self {
        case .gaussian: return "gaussian"
        case .moffat: return "moffat"
        case .airy: return "airy"
        case .kernel: return "kernel"
        }
    }
}

/// Noise model of a band.
public enum NoiseDescription: Sendable, Equatable, Codable {
    /// Noiseless images.
    case none
    /// Additive Gaussian noise of sigma in the output unit (ADU).
    case gaussian(sigma: Double)
    /// Poisson on signal + sky electrons, Gaussian read noise (electrons), divided by gain (e⁻/ADU).
    case ccd(gain: Double, readNoise: Double)
}

/// One band of the instrument.
public struct BandDescription: Sendable, Equatable, Codable {
    public var name: String
    /// Magnitude giving 1 electron per second.
    public var zeroPoint: Double
    /// Exposure time in seconds.
    public var exposureTime: Double
    public var sky: SkyLevel
    public var psf: PSFDescription
    public var noise: NoiseDescription
    /// Electrons per ADU used to convert images to ADU (ccd noise sets it too).
    public var gain: Double
    /// Subtract the mean sky level after adding noise.
    public var subtractSky: Bool
    /// Saturation, detector defects and missing data (nil: a perfect detector, always observed).
    public var defects: DefectDescription?
    /// PSF parameters drawn per sample (nil: `psf` is the same in every sample).
    public var psfVariation: PSFVariation?

    public init(name: String, zeroPoint: Double, exposureTime: Double, sky: SkyLevel, psf: PSFDescription,
                noise: NoiseDescription, gain: Double, subtractSky: Bool, defects: DefectDescription? = nil,
                psfVariation: PSFVariation? = nil) {
        self.defects = defects
        self.psfVariation = psfVariation
        self.name = name
        self.zeroPoint = zeroPoint
        self.exposureTime = exposureTime
        self.sky = sky
        self.psf = psf
        self.noise = noise
        self.gain = gain
        self.subtractSky = subtractSky
    }
}

/// Saturation, detector defects and missing data of a band; rates are per stamp, drawn from the seed.
public struct DefectDescription: Sendable, Equatable, Codable {
    /// Full well, electrons: pixels above are clipped to it and flagged saturated (nil: no saturation).
    public var fullWell: Double?
    /// Fraction of pixels that are hot: stuck at the full well (or 65 535 electrons without one).
    public var hotPixels: Double
    /// Mean number of dead columns per stamp (Poisson): read as 0 electrons.
    public var badColumns: Double
    /// Mean number of cosmic-ray tracks per stamp (Poisson): straight tracks adding charge.
    public var cosmicRays: Double
    /// Probability that the band is not observed in a sample: its pixels are NaN.
    public var missing: Double

    public init(fullWell: Double?, hotPixels: Double, badColumns: Double, cosmicRays: Double, missing: Double) {
        self.fullWell = fullWell
        self.hotPixels = hotPixels
        self.badColumns = badColumns
        self.cosmicRays = cosmicRays
        self.missing = missing
    }
}

/// How many objects of a group a stamp holds.
public enum CountDistribution: Sendable, Equatable, Codable {
    case constant(Int)
    /// Uniform over the integers low...high inclusive.
    case uniformInt(low: Int, high: Int)
    case poisson(mean: Double)
    case choice(values: [Int], weights: [Double])
}

/// Brightness of an object in one band: a drawn magnitude (or electrons), optionally relative to another band.
public struct BandBrightness: Sendable, Equatable, Codable {
    public var band: String
    public var value: Distribution
    /// When set, the drawn value is a colour added to that band's magnitude.
    public var relativeTo: String?
    public init(band: String, value: Distribution, relativeTo: String?) {
        self.band = band
        self.value = value
        self.relativeTo = relativeTo
    }
}

/// Brightness of an object in every band.
public struct Brightness: Sendable, Equatable, Codable {
    /// true: values are AB-like magnitudes on the band's zero point; false: total electrons.
    public var isMagnitude: Bool
    /// One entry per band of the scene, in band order.
    public var bands: [BandBrightness]
    /// true when the scene gave one value or distribution for every band: one draw serves all bands.
    public var sameInEveryBand: Bool
    public init(isMagnitude: Bool, bands: [BandBrightness], sameInEveryBand: Bool = false) {
        self.isMagnitude = isMagnitude
        self.bands = bands
        self.sameInEveryBand = sameInEveryBand
    }
}

/// Galaxy shape: axis ratio and position angle, or reduced shear components.
public enum ShapeDescription: Sendable, Equatable, Codable {
    /// Axis ratio b/a and position angle in degrees counter-clockwise from +x.
    case axisRatio(q: Distribution, beta: Distribution)
    /// Reduced shear components g1, g2.
    case shear(g1: Distribution, g2: Distribution)
}

/// A Sérsic galaxy's parameter distributions.
public struct SersicDescription: Sendable, Equatable, Codable {
    /// Sérsic index.
    public var n: Distribution
    /// Circularised half-light radius sqrt(a b) in arcsec.
    public var halfLightRadius: Distribution
    public var shape: ShapeDescription
    public var offset: OffsetDescription
    public var brightness: Brightness
    public init(n: Distribution, halfLightRadius: Distribution, shape: ShapeDescription,
                offset: OffsetDescription, brightness: Brightness) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.shape = shape
        self.offset = offset
        self.brightness = brightness
    }
}

/// A point source's parameter distributions.
public struct StarDescription: Sendable, Equatable, Codable {
    public var offset: OffsetDescription
    public var brightness: Brightness
    public init(offset: OffsetDescription, brightness: Brightness) {
        self.offset = offset
        self.brightness = brightness
    }
}

/// Offset of an object from the stamp centre, arcsec, per axis (+x toward larger column, +y toward larger row).
public struct OffsetDescription: Sendable, Equatable, Codable {
    public var x: Distribution
    public var y: Distribution
    public init(x: Distribution, y: Distribution) {
        self.x = x
        self.y = y
    }
}

/// The closed set of object kinds.
public enum ObjectKind: Sendable, Equatable, Codable {
    case sersic(SersicDescription)
    case star(StarDescription)
    case geometric(GeometricDescription)
    case lens(LensDescription)
    /// A bulge + disk or spiral galaxy (GalaxyDescription.swift).
    case galaxy(GalaxyDescription)

    /// The name used in scene files and labels.
    public var name: String {
        switch self {
        case .sersic: return "sersic"
        case .star: return "star"
        case .geometric(let g): return g.kind.rawValue
        case .lens: return "lens"
        case .galaxy(let g): return g.kind.rawValue
        }
    }

    /// Distribution of the object's position (a lens system's deflector centre).
    public var offset: OffsetDescription {
        switch self {
        case .sersic(let s): return s.offset
        case .star(let s): return s.offset
        case .geometric(let g): return g.offset
        case .lens(let l): return l.offset
        case .galaxy(let g): return g.offset
        }
    }
}

/// An entry of the scene's `objects:` list.
public struct ObjectGroup: Sendable, Equatable, Codable {
    public var kind: ObjectKind
    public var count: CountDistribution
    /// Minimum distance (arcsec) from every object drawn before it in the stamp; nil: none.
    public var minSeparation: Double?
    public init(kind: ObjectKind, count: CountDistribution, minSeparation: Double? = nil) {
        self.kind = kind
        self.count = count
        self.minSeparation = minSeparation
    }
}

/// Optional outputs.
public struct OutputOptions: Sendable, Equatable, Codable {
    /// Store noiseless images next to the noisy ones.
    public var noiseless: Bool
    /// Store /segmentation: per pixel the id of the object contributing most light above the mask threshold.
    public var segmentation: Bool
    /// Store lens planes: noiseless source-only and lens-light-only images and the arc mask.
    public var lensPlanes: Bool
    /// Per-object per-band signal-to-noise and detection codes, detected when S/N ≥ this (nil: not computed).
    public var detectionSNR: Double?
    /// Mask threshold in units of the pixel noise σ (band-combined, at least 1 electron): a pixel belongs to an
    /// object's segment or to the arc when that light, summed over bands, exceeds it.
    public var maskThreshold: Double

    public init(noiseless: Bool, segmentation: Bool = false, lensPlanes: Bool = false, detectionSNR: Double? = nil,
                maskThreshold: Double = 1) {
        self.noiseless = noiseless
        self.segmentation = segmentation
        self.lensPlanes = lensPlanes
        self.detectionSNR = detectionSNR
        self.maskThreshold = maskThreshold
    }

    /// Whether every object must also be drawn alone (segmentation and detection need its own noiseless light).
    public var needsObjectImages: Bool { segmentation || detectionSNR != nil }
}
