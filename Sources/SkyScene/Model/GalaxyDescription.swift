/// Galaxies of more than one Sérsic component; the raw value is the scene file's `type:` and the label's `kind`.
public enum GalaxyKind: String, Sendable, Codable, CaseIterable {
    /// A bulge and a disk sharing a centre, each a Sérsic with its own n, radius and shape.
    case bulgeDisk = "bulge_disk"
    /// A Sérsic disk modulated by m logarithmic spiral arms (flux-neutral), plus an optional bulge.
    case spiral
}

/// One Sérsic component of a galaxy (its bulge or its disk); it sits on the galaxy's centre.
public struct GalaxyComponentDescription: Sendable, Equatable, Codable {
    /// Sérsic index.
    public var n: Distribution
    /// Circularised half-light radius sqrt(a b), arcsec.
    public var halfLightRadius: Distribution
    public var shape: ShapeDescription

    public init(n: Distribution, halfLightRadius: Distribution, shape: ShapeDescription) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.shape = shape
    }
}

/// The bulge-to-total flux ratio B/T per band: one draw serving every band, or one entry per band.
public struct BulgeFractionDescription: Sendable, Equatable, Codable {
    /// One entry per band of the scene, in band order.
    public var values: [Distribution]
    /// Band names, in band order (the draw of band b is keyed by `bulge_fraction.<name>`).
    public var bands: [String]
    /// true when the scene gave one value or distribution: one draw serves all bands.
    public var sameInEveryBand: Bool

    public init(values: [Distribution], bands: [String], sameInEveryBand: Bool) {
        self.values = values
        self.bands = bands
        self.sameInEveryBand = sameInEveryBand
    }
}

/// Logarithmic spiral arms modulating a galaxy's disk (README "Spiral galaxies" gives the model).
public struct SpiralArmsDescription: Sendable, Equatable, Codable {
    /// Number of arms m ≥ 1.
    public var count: CountDistribution
    /// Pitch angle ψ, degrees, 0 < ψ < 90.
    public var pitch: Distribution
    /// Azimuthal FWHM of an arm as a fraction of the arm spacing 2π/m, 0.05 ≤ w ≤ 0.5 (sets the sharpness p ≥ 1).
    public var width: Distribution
    /// Fraction a of the disk light moved into the arm pattern, 0 ≤ a ≤ 1.
    public var fraction: Distribution
    /// Phase φ0, degrees: the arms cross the disk's half-light radius at azimuths (φ0 + 360° k)/m.
    public var phase: Distribution
    /// Sub-pixels per pixel side of the real-space arm term's plane (1–8).
    public var supersample: Int

    public init(count: CountDistribution, pitch: Distribution, width: Distribution, fraction: Distribution,
                phase: Distribution, supersample: Int) {
        self.count = count
        self.pitch = pitch
        self.width = width
        self.fraction = fraction
        self.phase = phase
        self.supersample = supersample
    }
}

/// A bulge + disk or spiral galaxy's parameter distributions.
public struct GalaxyDescription: Sendable, Equatable, Codable {
    public var kind: GalaxyKind
    /// The disk (for a spiral, the disk the arms modulate; its shape inclines the whole pattern).
    public var disk: GalaxyComponentDescription
    /// The bulge (required for bulge_disk, optional for spiral).
    public var bulge: GalaxyComponentDescription?
    /// B/T per band; present exactly when `bulge` is.
    public var bulgeFraction: BulgeFractionDescription?
    /// The arms (spiral only).
    public var arms: SpiralArmsDescription?
    public var offset: OffsetDescription
    /// Total brightness of the galaxy (bulge + disk) per band.
    public var brightness: Brightness

    public init(kind: GalaxyKind, disk: GalaxyComponentDescription, bulge: GalaxyComponentDescription?,
                bulgeFraction: BulgeFractionDescription?, arms: SpiralArmsDescription?, offset: OffsetDescription,
                brightness: Brightness) {
        self.kind = kind
        self.disk = disk
        self.bulge = bulge
        self.bulgeFraction = bulgeFraction
        self.arms = arms
        self.offset = offset
        self.brightness = brightness
    }
}
