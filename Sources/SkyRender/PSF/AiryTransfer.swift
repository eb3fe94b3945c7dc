import Foundation

/// The Airy PSF's optical transfer function: the normalised autocorrelation of an annular pupil.
enum AiryTransfer {
    /// Cut-off wavenumber 2π/(λ/D) in rad/arcsec: the transfer function is exactly 0 beyond it.
    static func cutoff(lambdaOverD: Double) -> Double { 2 * Double.pi / lambdaOverD }

    /// OTF at wavenumber k (rad/arcsec): overlap of two pupils (outer radius 1, hole ε) shifted by s = 2k/k_c.
    static func value(k: Double, lambdaOverD: Double, obscuration ε: Double) -> Double {
        let s = 2 * k / cutoff(lambdaOverD: lambdaOverD)
        if s >= 2 { return 0 }
        let overlap = lensArea(1, 1, s) - 2 * lensArea(1, ε, s) + lensArea(ε, ε, s)
        return overlap / (Double.pi * (1 - ε * ε))
    }

    /// Area common to two disks of radii r1, r2 whose centres are d apart.
    static func lensArea(_ r1: Double, _ r2: Double, _ d: Double) -> Double {
        if r1 <= 0 || r2 <= 0 || d >= r1 + r2 { return 0 }
        if d <= abs(r1 - r2) { return Double.pi * min(r1, r2) * min(r1, r2) }
        let c1 = min(1, max(-1, (d * d + r1 * r1 - r2 * r2) / (2 * d * r1)))
        let c2 = min(1, max(-1, (d * d + r2 * r2 - r1 * r1) / (2 * d * r2)))
        let kite = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)
        return r1 * r1 * acos(c1) + r2 * r2 * acos(c2) - 0.5 * max(0, kite).squareRoot()
    }

    /// Radius (arcsec) beyond which the envelope of the rings stays below `threshold` per arcsec² (unit flux).
    ///
    /// |J1(t)| ≤ √(2/(πt)) bounds the rings: I ≤ 2(1+√ε)²/((λ/D)² x³ (1−ε²)) with x = πθ/(λ/D); 10 % margin.
    static func envelopeRadius(threshold: Double, lambdaOverD: Double, obscuration ε: Double) -> Double {
        let bound = 1.1 * 2 * (1 + ε.squareRoot()) * (1 + ε.squareRoot()) / (lambdaOverD * lambdaOverD * (1 - ε * ε))
        let x = cbrt(bound / threshold)
        return max(lambdaOverD, x * lambdaOverD / Double.pi)
    }
}
