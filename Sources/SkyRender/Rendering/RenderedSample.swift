import SkyScene

/// One sample's pixels and the labels only rendering can tell. Images are B×H×W floats, band-major.
public struct RenderedSample: Sendable {
    /// Images with noise (ADU).
    public var image: [Float]
    /// Images without noise or sky (ADU).
    public var noiseless: [Float]
    /// Per pixel (H×W) the id of the object contributing most light above the mask threshold, 0 for sky.
    public var segmentation: [Int32]?
    /// Per band and pixel (B×H×W): `PixelFlag` bits.
    public var flags: [UInt8]?
    /// Noiseless lensed-source light alone (B×H×W, ADU).
    public var sourceLight: [Float]?
    /// Noiseless lens-galaxy light alone (B×H×W, ADU).
    public var lensLight: [Float]?
    /// 1 where the lensed source's light (summed over bands) exceeds the mask threshold (H×W).
    public var arcMask: [UInt8]?
    /// The sample's band PSF images (B × `PSFImage.size`²), when the PSF varies between samples.
    public var psf: [Float]?
    /// One entry per object of the spec, in order.
    public var objects: [ObjectLabels]
    /// Each lens system's lensed unit source flux inside the stamp, by object id, from the render (for the
    /// magnification label; not written to the dataset).
    var lensedInside: [Int: Double] = [:]
    /// The noiseless images in electrons (B×H×W), as rendered (for the S/N labels; not written to the dataset).
    var signal: [Float] = []

    public init(image: [Float], noiseless: [Float], segmentation: [Int32]? = nil, flags: [UInt8]? = nil,
                sourceLight: [Float]? = nil, lensLight: [Float]? = nil, arcMask: [UInt8]? = nil, objects: [ObjectLabels] = []) {
        self.image = image
        self.noiseless = noiseless
        self.segmentation = segmentation
        self.flags = flags
        self.sourceLight = sourceLight
        self.lensLight = lensLight
        self.arcMask = arcMask
        self.objects = objects
    }
}

/// Labels of one object that depend on rendering (NaN / −1 where not applicable or not computed).
public struct ObjectLabels: Sendable, Equatable {
    /// Lens systems: source flux in the stamp with the lens over that without it.
    public var magnification: Double
    /// Lens systems: images of a point source at the source centre.
    public var imageCount: Int32
    /// Per band: matched-filter signal-to-noise of the object's noiseless light.
    public var snr: [Double]
    /// Per band: `DetectionCode` raw value.
    public var detection: [Int32]

    public init(magnification: Double, imageCount: Int32, snr: [Double], detection: [Int32]) {
        self.magnification = magnification
        self.imageCount = imageCount
        self.snr = snr
        self.detection = detection
    }
}

/// What the detection column says about an object in a band.
public enum DetectionCode: Int32, Sendable {
    /// Observed, S/N below the threshold.
    case notDetected = 0
    /// Observed, S/N at or above the threshold.
    case detected = 1
    /// Observed, but its brightest pixel is a masked defect.
    case masked = 2
    /// The band was not observed in this sample.
    case notObserved = 3
    /// Detection was not computed (the scene sets no detection_snr).
    case notComputed = -1
}

/// Bits of the /flags dataset.
public enum PixelFlag {
    /// The pixel reached the band's full well and was clipped.
    public static let saturated: UInt8 = 1
    /// A masked defect: hot pixel, bad column or cosmic-ray track.
    public static let defect: UInt8 = 2
    /// Not observed: the pixel holds NaN.
    public static let notObserved: UInt8 = 4
}
