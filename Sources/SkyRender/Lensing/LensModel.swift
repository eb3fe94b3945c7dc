/// A lens: any number of deflectors plus an optional external shear (all deflections add).
public struct LensModel: Sendable, Equatable {
    /// The masses.
    public var deflectors: [Deflector]
    /// External shear about the stamp centre, if any.
    public var shear: ExternalShear?

    public init(deflectors: [Deflector], shear: ExternalShear? = nil) {
        self.deflectors = deflectors
        self.shear = shear
    }

    /// Deflection (arcsec) at θ = (x, y): the sum over deflectors plus shear.
    public func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        PreparedLens(self).deflection(x: x, y: y)
    }
}
