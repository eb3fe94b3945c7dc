/// Elliptical Sérsic surface brightness with unit total flux, lenstronomy SERSIC_ELLIPSE conventions: R = half-light radius in the intermediate-axis convention (r² = q x'² + y'²/q in the frame rotated by φ), e1/e2 as for the SIE, exact b_n.
public struct SersicLight: Sendable, Equatable {
    /// Sérsic index (> 0).
    public var n: Double
    /// Half-light radius (arcsec), intermediate-axis (√(ab)) convention.
    public var halfLightRadius: Double
    /// Ellipticity components (lenstronomy e1, e2 = GalSim reduced shear g1, g2; |e| < 1).
    public var e1: Double
    public var e2: Double
    /// Centre (arcsec from the stamp centre).
    public var centerX: Double
    public var centerY: Double

    public init(n: Double, halfLightRadius: Double, e1: Double = 0, e2: Double = 0, centerX: Double = 0, centerY: Double = 0) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.e1 = e1
        self.e2 = e2
        self.centerX = centerX
        self.centerY = centerY
    }

    /// Surface brightness (flux per arcsec²) for unit total flux.
    public func surfaceBrightness(x: Double, y: Double) -> Double {
        PreparedSersic(self).value(x: x, y: y)
    }
}
