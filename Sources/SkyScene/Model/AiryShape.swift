import Foundation

/// The Airy pattern's radial shape, shared by the scene model (FWHM labels) and the renderer.
public enum AiryShape {
    /// Field amplitude at x = π θ / (λ/D), normalised to 1 at x = 0, for central obscuration ε (fraction of D).
    public static func amplitude(x: Double, obscuration ε: Double) -> Double {
        func jinc(_ t: Double) -> Double { abs(t) < 1e-8 ? 1 : 2 * j1(t) / t }
        return (jinc(x) - ε * ε * jinc(ε * x)) / (1 - ε * ε)
    }

    /// Full width at half maximum in arcsec (the radius where the intensity falls to half, doubled).
    public static func fwhm(lambdaOverD: Double, obscuration: Double) -> Double {
        // The central core falls monotonically to its first dark ring (x > 3 for ε ≤ 0.9): scan, then bisect.
        func excess(_ x: Double) -> Double {
            let a = amplitude(x: x, obscuration: obscuration)
            return a * a - 0.5
        }
        var low = 0.0, high = 0.01
        while excess(high) > 0 && high < 4 {
            low = high
            high += 0.01
        }
        for _ in 0..<60 {
            let mid = 0.5 * (low + high)
            if excess(mid) > 0 { low = mid } else { high = mid }
        }
        return 2 * 0.5 * (low + high) * lambdaOverD / Double.pi
    }
}
