import Foundation

/// The surface brightness of a Gaussian or Moffat PSF (unit flux, per arcsec²) with its constants hoisted, for loops
/// that evaluate it many times; PSFModel.intensity(r:) uses it too.
struct SmoothPSFIntensity: Sendable {
    private let norm: Double
    /// 1/scale², arcsec⁻² (scale: Gaussian σ or Moffat r0).
    private let inverseScale2: Double
    /// Moffat β; nil for a Gaussian.
    private let beta: Double?

    /// nil for PSFs other than Gaussian and Moffat.
    init?(_ psf: PSFModel) {
        inverseScale2 = 1 / (psf.scale * psf.scale)
        switch psf.description {
        case .gaussian:
            beta = nil
            norm = inverseScale2 / (2 * Double.pi)
        case .moffat(let beta, _):
            self.beta = beta
            norm = (beta - 1) / Double.pi * inverseScale2
        default:
            return nil
        }
    }

    /// Variance of the light along one axis, arcsec² (nil for a Moffat with β ≤ 2, whose second moment diverges):
    /// σ² for a Gaussian, r0²/(2(β − 2)) for a Moffat.
    var axisVariance: Double? {
        guard let beta else { return 1 / inverseScale2 }
        return beta > 2 ? 1 / (inverseScale2 * 2 * (beta - 2)) : nil
    }

    /// M(r), dM/dr and d²M/dr² at radius r arcsec (per arcsec², per arcsec³, per arcsec⁴).
    @inline(__always)
    func derivatives(r: Double) -> (value: Double, first: Double, second: Double) {
        let u = r * r * inverseScale2
        guard let beta else {
            let m = norm * exp(-0.5 * u)
            return (m, -r * inverseScale2 * m, (u - 1) * inverseScale2 * m)
        }
        let t = 1 + u
        let m = norm * MoffatPower.inverse(t, beta: beta)
        let first = -2 * beta * r * inverseScale2 * m / t
        let second = -2 * beta * inverseScale2 * m / t + 4 * beta * (beta + 1) * u * inverseScale2 * m / (t * t)
        return (m, first, second)
    }

    /// `derivatives(r:)` at the radii r[0..<count] into value, first and second, by the same operations (so the same
    /// bits) in passes over the arrays that vectorise for a Moffat; `t` is scratch of count Doubles.
    func derivatives(r: UnsafePointer<Double>, count: Int, value: UnsafeMutablePointer<Double>,
                     first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>,
                     scratch t: UnsafeMutablePointer<Double>) {
        guard let beta else {
            for i in 0..<count { (value[i], first[i], second[i]) = derivatives(r: r[i]) }
            return
        }
        for i in 0..<count { t[i] = 1 + r[i] * r[i] * inverseScale2 }
        MoffatPower.inverse(t, count: count, beta: beta, into: value, base: first)
        for i in 0..<count {
            let u = r[i] * r[i] * inverseScale2, t = t[i]
            let m = norm * value[i]
            value[i] = m
            first[i] = -2 * beta * r[i] * inverseScale2 * m / t
            second[i] = -2 * beta * inverseScale2 * m / t + 4 * beta * (beta + 1) * u * inverseScale2 * m / (t * t)
        }
    }

    /// Per arcsec² at radius r arcsec.
    @inline(__always)
    func callAsFunction(r: Double) -> Double {
        let u = r * r * inverseScale2
        guard let beta else { return norm * exp(-0.5 * u) }
        return norm * MoffatPower.inverse(1 + u, beta: beta)
    }
}
