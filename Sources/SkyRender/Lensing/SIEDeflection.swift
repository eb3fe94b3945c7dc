import Foundation

/// The SIE deflection in its own frame (x along the major axis), Kormann et al. (1994) / Keeton & Kochanek (1998)
/// with s = 0, in lenstronomy's intermediate-axis normalisation b = θ_E √q:
/// α_x = b/f · arctan(f x/ψ), α_y = b/f · arctanh(f y/ψ), f = √(1−q²), ψ = √(q² x² + y²);
/// this is the deflection of κ = θ_E / (2 √(q x² + y²/q)).
enum SIEDeflection {
    /// α (arcsec) in the lens frame; `scale` = θ_E √q, `f` = √(1−q²) (may be 0: then the SIS θ_E x/r).
    @inline(__always)
    static func frame(x: Double, y: Double, q: Double, f: Double, scale: Double) -> (x: Double, y: Double) {
        let psi = (q * q * x * x + y * y).squareRoot()
        guard psi > 0 else { return (0, 0) }
        let tx = x / psi, ty = y / psi
        return (scale * arctanOverF(tx, f), scale * arctanhOverF(ty, f))
    }

    /// arctan(f t)/f, by its series when f t is small (exact limit t at f = 0).
    @inline(__always)
    static func arctanOverF(_ t: Double, _ f: Double) -> Double {
        let z = f * t
        if abs(z) < 1e-3 {
            let z2 = z * z
            return t * (1 - z2 * (1.0 / 3 - z2 * (1.0 / 5 - z2 / 7)))
        }
        return atan(z) / f
    }

    /// arctanh(f t)/f, by its series when f t is small (exact limit t at f = 0).
    @inline(__always)
    static func arctanhOverF(_ t: Double, _ f: Double) -> Double {
        let z = f * t
        if abs(z) < 1e-3 {
            let z2 = z * z
            return t * (1 + z2 * (1.0 / 3 + z2 * (1.0 / 5 + z2 / 7)))
        }
        return atanh(z) / f
    }
}
