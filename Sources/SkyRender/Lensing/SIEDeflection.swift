
/// The SIE deflection in its own frame (x along the major axis), Kormann et al. (1994) / Keeton & Kochanek (1998)
/// with s = 0, in lenstronomy's intermediate-axis normalisation b = θ_E √q:
/// α_x = b/f · arctan(f x/ψ), α_y = b/f · arctanh(f y/ψ), f = √(1−q²), ψ = √(q² x² + y²);
/// this is the deflection of κ = θ_E / (2 √(q x² + y²/q)).
/// All three are branch-free (`LaneMathBranchFree`), so a loop over rays vectorises.
enum SIEDeflection {
    /// α (arcsec) in the lens frame; `scale` = θ_E √q, `f` = √(1−q²) > 0; 0 at the centre.
    @inline(__always)
    static func frame(x: Double, y: Double, q: Double, f: Double, scale: Double) -> (x: Double, y: Double) {
        let psi = laneSqrt(q * q * x * x + y * y)
        let ax = scale * arctanOverF(x / psi, f), ay = scale * arctanhOverF(y / psi, f)
        return (psi > 0 ? ax : 0, psi > 0 ? ay : 0)
    }

    /// arctan(f t)/f for f > 0.
    @inline(__always)
    static func arctanOverF(_ t: Double, _ f: Double) -> Double { laneAtan(f * t) / f }

    /// arctanh(f t)/f for 0 < f < 1, |t| ≤ 1.
    @inline(__always)
    static func arctanhOverF(_ t: Double, _ f: Double) -> Double { laneAtanh(f * t) / f }
}
