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
    /// I(0) for unit flux: b^(2n) / (2π n Γ(2n) r_e²), per arcsec².
    public let centralIntensity: Double

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
        centralIntensity = exp(2 * n * log(transform.b) - GSL.lnGamma(2 * n)) / (2 * Double.pi * n * halfLightRadius * halfLightRadius)
    }

    /// b_n.
    public var b: Double { transform.b }

    /// Fourier transform at (kx, ky) rad/arcsec, unit flux: f(|Aᵀk| r_e) (A is symmetric).
    public func fourier(kx: Double, ky: Double) -> Double {
        transform.value(squared: argumentSquared(kx: kx, ky: ky))
    }

    /// `fourier(kx: kx[i], ky: ky)` into out[i], i < count ≤ `SersicTransform.batch`, in vectorised loops.
    @inline(__always)
    func fourier(kx: UnsafePointer<Double>, ky: Double, into out: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { out[i] = argumentSquared(kx: kx[i], ky: ky) }
        transform.values(squared: out, into: out, count: count)
    }

    /// (|Aᵀk| r_e)² at (kx, ky) rad/arcsec.
    @inline(__always)
    private func argumentSquared(kx: Double, ky: Double) -> Double {
        let ux = a11 * kx + a12 * ky
        let uy = a12 * kx + a22 * ky
        return (ux * ux + uy * uy) * (halfLightRadius * halfLightRadius)
    }

    /// An upper bound of |fourier(kx, ky)| over all |k| ≥ `k` rad/arcsec: the shear shortens k by at most
    /// √((1 − |g|)/(1 + |g|)).
    public func fourierBound(beyond k: Double) -> Double {
        let g = (g1 * g1 + g2 * g2).squareRoot()
        return transform.bound(beyond: k * halfLightRadius * ((1 - g) / (1 + g)).squareRoot())
    }

    /// Surface brightness at (x, y) arcsec per arcsec², unit flux.
    public func intensity(x: Double, y: Double) -> Double {
        // A⁻¹ = [[a22, −a12], [−a12, a11]] since det A = 1.
        let u = a22 * x - a12 * y
        let v = -a12 * x + a11 * y
        let r = (u * u + v * v).squareRoot() / halfLightRadius
        return centralIntensity * exp(-b * pow(r, 1 / n))
    }

    /// Surface brightness S and its Laplacian ∇²S at the points (x[i], y[i]) arcsec, i < count, into values[i] and
    /// laplacians[i] (per arcsec², per arcsec⁴), unit flux, in one loop the compiler vectorises (ρ^{1/n} and the
    /// exponential by laneLog/laneExp, a few ulp from libm). With u = A⁻¹x, ρ = |u|/r_e and S = I₀ e^{h(ρ)},
    /// h = −b ρ^{1/n}: ∇²S = S[(h′² + h″)|∇ρ|² + h′∇²ρ], where |∇ρ|² = |A⁻¹û|²/r_e² and ∇²ρ = (tr A⁻² − |A⁻¹û|²)/(r_e |u|);
    /// the Laplacian is taken as 0 at the centre.
    @inline(__always)
    func intensitiesAndLaplacians(x: UnsafePointer<Double>, y: UnsafePointer<Double>, count: Int,
                                  values: UnsafeMutablePointer<Double>, laplacians: UnsafeMutablePointer<Double>) {
        let inverseN = 1 / n, b = self.b, central = centralIntensity, radius = halfLightRadius
        // A⁻¹ = [[a22, −a12], [−a12, a11]] since det A = 1.
        let trace = a22 * a22 + 2 * a12 * a12 + a11 * a11
        for i in 0..<count {
            let u = a22 * x[i] - a12 * y[i]
            let v = -a12 * x[i] + a11 * y[i]
            let length = laneSqrt(u * u + v * v)
            let outside = length > 0, safeLength = outside ? length : 1
            let rho = safeLength / radius
            let power = laneExp(laneLog(rho) * inverseN)  // ρ^{1/n}
            let value = central * laneExpClamped(outside ? -b * power : 0)
            let hPrime = -b * inverseN * power / rho
            let hSecond = -b * inverseN * (inverseN - 1) * power / (rho * rho)
            let bu = (a22 * u - a12 * v) / safeLength, bv = (-a12 * u + a11 * v) / safeLength
            let gradient2 = (bu * bu + bv * bv) / (radius * radius)
            let laplacianRho = (trace - (bu * bu + bv * bv)) / (radius * safeLength)
            values[i] = value
            laplacians[i] = outside ? value * ((hPrime * hPrime + hSecond) * gradient2 + hPrime * laplacianRho) : 0
        }
    }

    /// Second moments ⟨xx⟩, ⟨xy⟩, ⟨yy⟩ of the light, arcsec²: ½⟨R²⟩ r_e² A².
    public var secondMoments: (xx: Double, xy: Double, yy: Double) {
        let scale = 0.5 * transform.meanSquareRadius * halfLightRadius * halfLightRadius
        return (scale * (a11 * a11 + a12 * a12), scale * a12 * (a11 + a22), scale * (a12 * a12 + a22 * a22))
    }

    /// Radius along the major axis (arcsec) of the ellipse outside which a fraction `lost` of the light lies:
    /// r_e (y/b)ⁿ with Q(2n, y) = lost (Q the regularised upper incomplete gamma), y found by bisection.
    public func radiusEnclosing(lost: Double) -> Double {
        var low = 0.0, high = 2 * n + 60 * (2 * n).squareRoot() + 200
        for _ in 0..<100 {
            let mid = (low + high) / 2
            let outside = 1 - ((try? GSL.gammaIncP(2 * n, mid)) ?? 1)
            if outside > lost { low = mid } else { high = mid }
        }
        let g = (g1 * g1 + g2 * g2).squareRoot()
        return halfLightRadius * pow(high / b, n) * ((1 + g) / (1 - g)).squareRoot()
    }

    /// Radius along the major axis (arcsec) beyond which the surface brightness is below `threshold` per arcsec².
    public func extent(threshold: Double) -> Double {
        let ratio = centralIntensity / threshold
        guard ratio > 1 else { return 0 }
        let g = (g1 * g1 + g2 * g2).squareRoot()
        return halfLightRadius * pow(log(ratio) / b, n) * ((1 + g) / (1 - g)).squareRoot()
    }
}
