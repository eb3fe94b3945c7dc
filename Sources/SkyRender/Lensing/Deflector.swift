import Foundation

/// One lensing mass with lenstronomy's conventions; angles in arcsec.
public enum Deflector: Sendable, Equatable {
    /// Singular isothermal ellipsoid, lenstronomy's SIE: θ_E (arcsec, intermediate-axis convention), e1, e2 (q = (1−|e|)/(1+|e|), φ = atan2(e2,e1)/2), centre (arcsec).
    case sie(thetaE: Double, e1: Double, e2: Double, centerX: Double, centerY: Double)
    /// Singular isothermal sphere: α = θ_E (x, y)/r, θ_E and centre in arcsec.
    case sis(thetaE: Double, centerX: Double, centerY: Double)
    /// Point mass with Einstein radius θ_E: α = θ_E² (x,y)/r².
    case pointMass(thetaE: Double, centerX: Double, centerY: Double)

    /// The centre (arcsec), where the deflection is singular and set to 0.
    public var center: (x: Double, y: Double) {
        switch self {
        case let .sie(_, _, _, x, y), let .sis(_, x, y), let .pointMass(_, x, y): return (x, y)
        }
    }

    /// Deflection (arcsec) at θ = (x, y) arcsec.
    public func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        PreparedDeflector(self).deflection(x: x, y: y)
    }
}
