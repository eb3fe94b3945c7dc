/// Mass profiles of a lens's deflector (lenstronomy's names: SIE, SIS, POINT_MASS).
public enum DeflectorProfile: String, Sendable, Codable, CaseIterable {
    case sie, sis
    case pointMass = "point_mass"
}

/// A Sérsic light inside a lens system: the lensed source, or the deflector's own light.
public struct LensLightDescription: Sendable, Equatable, Codable {
    /// Sérsic index.
    public var n: Distribution
    /// Circularised half-light radius, arcsec.
    public var halfLightRadius: Distribution
    public var shape: ShapeDescription
    /// Source position relative to the deflector centre, arcsec (the lens light sits on the centre: 0).
    public var offset: OffsetDescription
    public var brightness: Brightness

    public init(n: Distribution, halfLightRadius: Distribution, shape: ShapeDescription, offset: OffsetDescription,
                brightness: Brightness) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.shape = shape
        self.offset = offset
        self.brightness = brightness
    }
}

/// A strong-lens system: deflector mass (+ external shear), a lensed Sérsic source and optional lens light.
public struct LensDescription: Sendable, Equatable, Codable {
    public var profile: DeflectorProfile
    /// Einstein radius θ_E, arcsec.
    public var thetaE: Distribution
    /// Deflector ellipticity (SIE only): lenstronomy (e1, e2) = reduced-shear (g1, g2), or (q, φ).
    public var ellipticity: ShapeDescription
    /// External shear components (γ1, γ2), nil without shear.
    public var shear: (gamma1: Distribution, gamma2: Distribution)?
    /// Rays per pixel side.
    public var supersample: Int
    /// Probability that a stamp's deflector is present (otherwise source and lens light are drawn unlensed).
    public var lensedFraction: Double
    /// Deflector centre from the stamp centre, arcsec.
    public var offset: OffsetDescription
    public var source: LensLightDescription
    public var lensLight: LensLightDescription?

    public init(profile: DeflectorProfile, thetaE: Distribution, ellipticity: ShapeDescription,
                shear: (gamma1: Distribution, gamma2: Distribution)?, supersample: Int, lensedFraction: Double,
                offset: OffsetDescription, source: LensLightDescription, lensLight: LensLightDescription?) {
        self.profile = profile
        self.thetaE = thetaE
        self.ellipticity = ellipticity
        self.shear = shear
        self.supersample = supersample
        self.lensedFraction = lensedFraction
        self.offset = offset
        self.source = source
        self.lensLight = lensLight
    }

    public static func == (a: LensDescription, b: LensDescription) -> Bool {
        a.profile == b.profile && a.thetaE == b.thetaE && a.ellipticity == b.ellipticity
            && a.shear?.gamma1 == b.shear?.gamma1 && a.shear?.gamma2 == b.shear?.gamma2 && a.supersample == b.supersample
            && a.lensedFraction == b.lensedFraction && a.offset == b.offset && a.source == b.source && a.lensLight == b.lensLight
    }

    private enum CodingKeys: String, CodingKey {
        case profile, thetaE, ellipticity, shearGamma1, shearGamma2, supersample, lensedFraction, offset, source, lensLight
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profile = try c.decode(DeflectorProfile.self, forKey: .profile)
        thetaE = try c.decode(Distribution.self, forKey: .thetaE)
        ellipticity = try c.decode(ShapeDescription.self, forKey: .ellipticity)
        let g1 = try c.decodeIfPresent(Distribution.self, forKey: .shearGamma1)
        let g2 = try c.decodeIfPresent(Distribution.self, forKey: .shearGamma2)
        shear = g1.flatMap { a in g2.map { (a, $0) } }
        supersample = try c.decode(Int.self, forKey: .supersample)
        lensedFraction = try c.decode(Double.self, forKey: .lensedFraction)
        offset = try c.decode(OffsetDescription.self, forKey: .offset)
        source = try c.decode(LensLightDescription.self, forKey: .source)
        lensLight = try c.decodeIfPresent(LensLightDescription.self, forKey: .lensLight)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(profile, forKey: .profile)
        try c.encode(thetaE, forKey: .thetaE)
        try c.encode(ellipticity, forKey: .ellipticity)
        try c.encodeIfPresent(shear?.gamma1, forKey: .shearGamma1)
        try c.encodeIfPresent(shear?.gamma2, forKey: .shearGamma2)
        try c.encode(supersample, forKey: .supersample)
        try c.encode(lensedFraction, forKey: .lensedFraction)
        try c.encode(offset, forKey: .offset)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(lensLight, forKey: .lensLight)
    }
}
