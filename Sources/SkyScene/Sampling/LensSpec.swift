/// A drawn Sérsic light of a lens system (source or lens light).
public struct LensLightSpec: Sendable, Equatable, Codable {
    /// Sérsic index.
    public var n: Double
    /// Circularised half-light radius, arcsec.
    public var halfLightRadius: Double
    /// Axis ratio, position angle (degrees), reduced shear (= lenstronomy e1, e2).
    public var q, beta, g1, g2: Double
    /// Position relative to the deflector centre, arcsec (0 for the lens light).
    public var offsetX, offsetY: Double
    /// Total (unlensed) flux per band, electrons.
    public var flux: [Double]
    /// Magnitude per band.
    public var magnitude: [Double]

    public init(n: Double, halfLightRadius: Double, q: Double, beta: Double, g1: Double, g2: Double, offsetX: Double,
                offsetY: Double, flux: [Double], magnitude: [Double]) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.q = q
        self.beta = beta
        self.g1 = g1
        self.g2 = g2
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.flux = flux
        self.magnitude = magnitude
    }
}

/// One drawn lens system; the deflector centre is the object's offset.
public struct LensSpec: Sendable, Equatable, Codable {
    /// false: the deflector is absent and both lights are drawn unlensed (a non-lens for classification).
    public var isLensed: Bool
    public var profile: DeflectorProfile
    /// Einstein radius, arcsec.
    public var thetaE: Double
    /// Deflector ellipticity: axis ratio, angle φ (degrees), lenstronomy e1, e2 (0 for round profiles).
    public var q, phi, e1, e2: Double
    /// External shear (0 without).
    public var gamma1, gamma2: Double
    /// Rays per pixel side.
    public var supersample: Int
    public var source: LensLightSpec
    public var lensLight: LensLightSpec?

    public init(isLensed: Bool, profile: DeflectorProfile, thetaE: Double, q: Double, phi: Double, e1: Double, e2: Double,
                gamma1: Double, gamma2: Double, supersample: Int, source: LensLightSpec, lensLight: LensLightSpec?) {
        self.isLensed = isLensed
        self.profile = profile
        self.thetaE = thetaE
        self.q = q
        self.phi = phi
        self.e1 = e1
        self.e2 = e2
        self.gamma1 = gamma1
        self.gamma2 = gamma2
        self.supersample = supersample
        self.source = source
        self.lensLight = lensLight
    }
}
