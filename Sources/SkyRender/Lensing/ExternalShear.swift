/// External shear about the stamp centre (lenstronomy SHEAR with ra_0 = dec_0 = 0): α_x = γ1 x + γ2 y, α_y = γ2 x − γ1 y.
public struct ExternalShear: Sendable, Equatable {
    /// Shear component along x/y (dimensionless).
    public var gamma1: Double
    /// Shear component along the diagonals (dimensionless).
    public var gamma2: Double

    public init(gamma1: Double, gamma2: Double) {
        self.gamma1 = gamma1
        self.gamma2 = gamma2
    }

    /// Deflection (arcsec) at θ = (x, y) arcsec from the stamp centre.
    @inline(__always)
    public func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        (gamma1 * x + gamma2 * y, gamma2 * x - gamma1 * y)
    }
}
