import Foundation

/// One drawn Sérsic component of a galaxy, on the galaxy's centre.
public struct GalaxyComponentSpec: Sendable, Equatable, Codable {
    /// Sérsic index.
    public var n: Double
    /// Circularised half-light radius, arcsec.
    public var halfLightRadius: Double
    /// Axis ratio, position angle (degrees, [0, 180)), reduced shear.
    public var q, beta, g1, g2: Double

    public init(n: Double, halfLightRadius: Double, q: Double, beta: Double, g1: Double, g2: Double) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.q = q
        self.beta = beta
        self.g1 = g1
        self.g2 = g2
    }
}

/// Drawn spiral arms.
public struct SpiralArmsSpec: Sendable, Equatable, Codable {
    /// Number of arms m ≥ 1.
    public var count: Int
    /// Pitch angle ψ, degrees.
    public var pitch: Double
    /// Azimuthal FWHM of an arm as a fraction of the arm spacing 2π/m.
    public var width: Double
    /// Fraction a of the disk light in the arm pattern.
    public var fraction: Double
    /// Phase φ0, degrees in [0, 360).
    public var phase: Double
    /// Sub-pixels per pixel side of the real-space arm term's plane.
    public var supersample: Int

    public init(count: Int, pitch: Double, width: Double, fraction: Double, phase: Double, supersample: Int) {
        self.count = count
        self.pitch = pitch
        self.width = width
        self.fraction = fraction
        self.phase = phase
        self.supersample = supersample
    }

    /// The sharpness p of the arm profile ((1 + cos x)/2)^p whose azimuthal FWHM is `width` × 2π/m:
    /// p = −ln 2 / (2 ln cos(π w / 2)); w = 1/2 gives p = 1 (a pure cosine), w = 0.05 gives p ≈ 112 (scenes allow
    /// 0.05 ≤ w ≤ 0.5, so p ≥ 1 and the profile is at least twice differentiable; w ≥ 1 would give p = 0, no arms).
    public var sharpness: Double { Self.sharpness(width: width) }

    public static func sharpness(width w: Double) -> Double {
        guard w < 1 else { return 0 }
        return -log(2.0) / (2 * log(cos(Double.pi * w / 2)))
    }

    /// C(p) = Γ(p + ½) / (√π Γ(p + 1)): the mean over x of ((1 + cos x)/2)^p.
    public static func meanProfile(sharpness p: Double) -> Double {
        exp(lgamma(p + 0.5) - lgamma(p + 1)) / Double.pi.squareRoot()
    }
}

/// One drawn bulge + disk or spiral galaxy (its centre, total flux and magnitude live in `ObjectSpec`).
public struct GalaxySpec: Sendable, Equatable, Codable {
    public var kind: GalaxyKind
    public var disk: GalaxyComponentSpec
    /// nil for a spiral without bulge.
    public var bulge: GalaxyComponentSpec?
    /// Bulge-to-total flux ratio per band (0 without a bulge).
    public var bulgeFraction: [Double]
    /// Spiral arms (nil for bulge_disk).
    public var arms: SpiralArmsSpec?

    public init(kind: GalaxyKind, disk: GalaxyComponentSpec, bulge: GalaxyComponentSpec?, bulgeFraction: [Double],
                arms: SpiralArmsSpec?) {
        self.kind = kind
        self.disk = disk
        self.bulge = bulge
        self.bulgeFraction = bulgeFraction
        self.arms = arms
    }

    /// The bulge's flux per band: total × B/T.
    public func bulgeFlux(_ total: [Double]) -> [Double] {
        zip(total, bulgeFraction).map { $0 * $1 }
    }

    /// The disk's flux per band (arms included): total × (1 − B/T).
    public func diskFlux(_ total: [Double]) -> [Double] {
        zip(total, bulgeFraction).map { $0 * (1 - $1) }
    }
}
