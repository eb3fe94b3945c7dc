import Foundation
import SkyScene

/// A band's point-spread function in sky units (arcsec), normalised to unit flux.
public struct PSFModel: Sendable {
    public let description: PSFDescription
    /// Gaussian σ, Moffat scale radius r0, Airy λ/D or a kernel's pixel scale, arcsec.
    public let scale: Double
    /// The interpolated kernel of a `.kernel` PSF (nil for analytic PSFs).
    public let kernel: KernelPSF?

    public init(_ description: PSFDescription) {
        self.description = description
        if case .kernel(let k) = description {
            kernel = KernelPSF(k)
        } else {
            kernel = nil
        }
        switch description {
        case .gaussian(let fwhm):
            scale = fwhm / (2 * (2 * log(2.0)).squareRoot())
        case .moffat(let beta, let fwhm):
            scale = fwhm / (2 * (pow(2, 1 / beta) - 1).squareRoot())
        case .airy(let lambdaOverD, _):
            scale = lambdaOverD
        case .kernel(let k):
            scale = k.pixelScale
        }
    }

    /// Surface brightness at (x, y) arcsec from the centre, per arcsec², unit flux (kernels are not round).
    public func intensity(x: Double, y: Double) -> Double {
        if let kernel { return kernel.intensity(x: x, y: y) }
        return intensity(r: (x * x + y * y).squareRoot())
    }

    /// Surface brightness at radius r (arcsec), per arcsec², unit flux (for a kernel: along +x).
    public func intensity(r: Double) -> Double {
        switch description {
        case .gaussian, .moffat:
            return SmoothPSFIntensity(self)!(r: r)
        case .airy(_, let obscuration):
            let a = AiryShape.amplitude(x: Double.pi * r / scale, obscuration: obscuration)
            return Double.pi * (1 - obscuration * obscuration) / (4 * scale * scale) * a * a
        case .kernel:
            return kernel!.intensity(x: r, y: 0)
        }
    }

    /// Fourier transform at wavenumber k (radians per arcsec); 1 at k = 0. For a kernel (not round, complex in
    /// general): the real part along k_x; FourierPlan uses KernelPSF.transfer instead.
    public func fourier(k: Double) -> Double {
        switch description {
        case .gaussian:
            return exp(-0.5 * k * k * scale * scale)
        case .moffat(let beta, _):
            // FT of (1 + r²/a²)^(−β): (ka)^ν K_ν(ka) / (2^(ν−1) Γ(ν)), ν = β − 1.
            let x = k * scale
            if x < 1e-12 { return 1 }
            let nu = beta - 1
            guard let scaled = try? GSL.besselKnuScaled(nu, x) else { return 0 }
            return exp(nu * log(x) + log(scaled) - x - (nu - 1) * log(2.0) - GSL.lnGamma(nu))
        case .airy(_, let obscuration):
            return AiryTransfer.value(k: k, lambdaOverD: scale, obscuration: obscuration)
        case .kernel:
            return kernel!.transfer(kx: [k], ky: [0]).re[0]
        }
    }

    /// Wavenumber (rad/arcsec) beyond which |FT| stays below `threshold`.
    public func maxK(threshold: Double) -> Double {
        if case .airy = description { return AiryTransfer.cutoff(lambdaOverD: scale) }
        if let kernel { return kernel.maxK }  // capped: KernelPSF.maxCycles
        var k = 1 / scale
        while fourier(k: k) > threshold { k *= 1.1 }
        return k
    }

    /// Radius (arcsec) outside which a fraction `lost` of the light lies: exact for Gaussian (σ√(−2 ln lost)) and
    /// Moffat (r0 √(lost^{1/(1−β)} − 1)); for Airy and kernel PSFs the radius where the surface brightness falls to
    /// `lost` of the flux per pixel (`pixelScale` arcsec).
    public func radiusEnclosing(lost: Double, pixelScale: Double) -> Double {
        switch description {
        case .gaussian: return scale * (-2 * log(lost)).squareRoot()
        case .moffat(let beta, _) where beta > 1: return scale * (pow(lost, 1 / (1 - beta)) - 1).squareRoot()
        default: return extent(threshold: lost / (pixelScale * pixelScale))
        }
    }

    /// Radius (arcsec) beyond which the surface brightness stays below `threshold` per arcsec² (unit flux).
    public func extent(threshold: Double) -> Double {
        if case .airy(_, let obscuration) = description {
            return AiryTransfer.envelopeRadius(threshold: threshold, lambdaOverD: scale, obscuration: obscuration)
        }
        if let kernel { return kernel.extent(threshold: threshold) }
        var r = scale
        while intensity(r: r) > threshold { r *= 1.1 }
        return r
    }
}

/// t^(−β) for the Moffat profile, by multiplications (and one square root) when 2β is a small integer, as for the
/// common β = 2.5, 3, 3.5, 4.5; `pow` otherwise.
enum MoffatPower {
    @inline(__always)
    static func inverse(_ t: Double, beta: Double) -> Double {
        let twice = 2 * beta
        guard twice == twice.rounded(), twice >= 0, twice <= 16 else { return pow(t, -beta) }
        var n = Int(twice) / 2, result = 1.0, base = t
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        if Int(twice) & 1 == 1 { result *= t.squareRoot() }
        return 1 / result
    }

    /// out[i] = t[i]^(−β) for i < count (t ≥ 0), by the same operations as `inverse(_:beta:)`, a pass over the
    /// array per step so each pass vectorises; `base` is scratch of count Doubles.
    static func inverse(_ t: UnsafePointer<Double>, count: Int, beta: Double, into out: UnsafeMutablePointer<Double>,
                        base: UnsafeMutablePointer<Double>) {
        let twice = 2 * beta
        guard twice == twice.rounded(), twice >= 0, twice <= 16 else {
            for i in 0..<count { out[i] = pow(t[i], -beta) }
            return
        }
        var n = Int(twice) / 2
        for i in 0..<count {
            out[i] = 1
            base[i] = t[i]
        }
        while n > 0 {
            if n & 1 == 1 { for i in 0..<count { out[i] *= base[i] } }
            for i in 0..<count { base[i] *= base[i] }
            n >>= 1
        }
        if Int(twice) & 1 == 1 { for i in 0..<count { out[i] *= laneSqrt(t[i]) } }
        for i in 0..<count { out[i] = 1 / out[i] }
    }
}
