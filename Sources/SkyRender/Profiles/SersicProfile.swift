import Foundation

/// A sheared Sérsic galaxy of unit flux centred at the origin (arcsec); knows nothing of pixels.
public struct SersicProfile: Sendable {
    public let n: Double
    /// Circularised half-light radius, arcsec.
    public let halfLightRadius: Double
    /// Reduced shear.
    public let g1: Double
    public let g2: Double
    let transform: SersicTransform
    /// Shear matrix A = (1/√(1−g²)) [[1+g1, g2], [g2, 1−g1]] (det 1): the image is I(A⁻¹ x).
    private let a11: Double, a12: Double, a22: Double

    public init(n: Double, halfLightRadius: Double, g1: Double, g2: Double, bank: SersicTransformBank = .shared) {
        self.n = n
        self.halfLightRadius = halfLightRadius
        self.g1 = g1
        self.g2 = g2
        transform = bank.transform(n: n)
        let norm = 1 / (1 - g1 * g1 - g2 * g2).squareRoot()
        a11 = (1 + g1) * norm
        a12 = g2 * norm
        a22 = (1 - g1) * norm
    }

    /// b_n.
    public var b: Double { transform.b }

    /// Fourier transform at (kx, ky) rad/arcsec, unit flux: f(|Aᵀk| r_e) (A is symmetric).
    @inline(__always)
    public func fourier(kx: Double, ky: Double) -> Double {
        let ux = a11 * kx + a12 * ky
        let uy = a12 * kx + a22 * ky
        return transform.value((ux * ux + uy * uy).squareRoot() * halfLightRadius)
    }

    /// Surface brightness at (x, y) arcsec per arcsec², unit flux.
    public func intensity(x: Double, y: Double) -> Double {
        // A⁻¹ = [[a22, −a12], [−a12, a11]] since det A = 1.
        let u = a22 * x - a12 * y
        let v = -a12 * x + a11 * y
        let r = (u * u + v * v).squareRoot() / halfLightRadius
        return centralIntensity * exp(-b * pow(r, 1 / n))
    }

    /// I(0) for unit flux: b^(2n) / (2π n Γ(2n) r_e²), per arcsec².
    public var centralIntensity: Double {
        exp(2 * n * log(b) - GSL.lnGamma(2 * n)) / (2 * Double.pi * n * halfLightRadius * halfLightRadius)
    }

    /// Radius along the major axis (arcsec) beyond which the surface brightness is below `threshold` per arcsec².
    public func extent(threshold: Double) -> Double {
        let ratio = centralIntensity / threshold
        guard ratio > 1 else { return 0 }
        let g = (g1 * g1 + g2 * g2).squareRoot()
        return halfLightRadius * pow(log(ratio) / b, n) * ((1 + g) / (1 - g)).squareRoot()
    }
}
