/// PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random variables"):
/// for λ ≥ 10 a candidate k from two uniforms by a transformed-rejection hat, accepted at once by a
/// cheap squeeze (40–80 % of tries, more for larger λ), else by comparing log densities (overall
/// acceptance 0.77–0.89). Constants as in numpy's random_poisson_ptrs.
///
/// Every function exists twice with the same operations in the same order: on Double (the scalar
/// reference, `PoissonNoise.sample`) and on `DoubleLanes` (the lane kernels of `PoissonNoise`), so both
/// give the same bits (IEEE +, −, ×, ÷, √ are correctly rounded and nothing is fused).
///
/// The log-density test is rewritten to stay accurate for large λ: with m = k + 1, n = 7 if m < 7
/// else 0, s = m + n and Stirling's series S(s) for ln Γ(s),
///   −λ + k ln λ − ln Γ(k+1) = (s − λ) + k ln(λ/s) − ½ ln 2π − S(s) + ln q,
///   q = m(m+1)…(m+6) / (s^7 √s) if m < 7, else 1/√s  (computed from 1/s),
/// so it needs two logs and no cancellation between terms of size λ ln λ. S(s) = Σ B₂ₙ/(2n(2n−1)s^(2n−1))
/// is summed to n = 8; the first term left out is below 8e-16 for s ≥ 7, so the acceptance probability
/// is exact to ~1e-15 (far below the 2^-32 grid of the uniforms).
///
/// Uniforms: U and V are 52-bit (two words each) for λ ≥ `longLambda`; below it 32-bit (one word
/// each, the low word fixed at 2^31 so the value is the word's cell centre), so one Philox block holds
/// two tries. The 32-bit grid moves P(k) by at most ~2^-32 · b per unit of k, i.e. a relative 6e-7 at
/// λ = 2^20 (6e-9 at λ = 100); above 2^20 the 32-bit grid would get coarse relative to the width of a
/// single k, hence the 52-bit tries there.
enum PoissonPTRS {
    /// Largest mean the sampler accepts (keeps every candidate in the range of `laneFloor`).
    static let maxLambda = 0x1p48
    /// From this mean on, tries use 52-bit U and V (a whole block per try).
    static let longLambda = 0x1p20
    /// The low word that makes a 32-bit uniform: laneUnit52(w, shortLow) = (w + ½)/2^32 + 2^-53.
    static let shortLow: UInt32 = 0x8000_0000

    // MARK: scalar reference

    /// b = 0.931 + 2.53 √λ, the hat's scale.
    @inline(__always)
    static func scale(lambda: Double) -> Double { 0.931 + 2.53 * laneSqrt(lambda) }

    /// One try's candidate from its uniforms' words, for 10 ≤ λ ≤ maxLambda and b = scale(λ).
    /// `squeezed`: accepted by the squeeze; `open`: needs the log-density test (else rejected).
    /// The squeeze v ≤ 0.9277 − 3.6224/(b − 2) is tested as v·(b − 2) ≤ 0.9277·(b − 2) − 3.6224 (b > 8).
    @inline(__always)
    static func candidate(lambda: Double, b: Double, uHi: UInt32, uLo: UInt32, vHi: UInt32, vLo: UInt32)
        -> (k: Double, squeezed: Bool, open: Bool, us: Double, v: Double) {
        let u = laneUnit52(uHi, uLo) - 0.5
        let v = laneUnit52(vHi, vLo)
        let a = -0.059 + 0.02483 * b
        let us = 0.5 - u.magnitude
        let x = (2 * a / us + b) * u + lambda + 0.43
        let inRange = x.magnitude < 0x1p50  // else |k − λ| > 2^49: the density test would reject it
        let k = laneFloor(inRange ? x : -1)  // −1: rejected below
        let squeezed = inRange && us >= 0.07 && v * (b - 2) <= 0.9277 * (b - 2) - 3.6224
        let open = !squeezed && k >= 0 && !(us < 0.013 && v > us)
        return (k, squeezed, open, us, v)
    }

    /// The log-density test for an open candidate k ≥ 0 (b = scale(λ); us and v from `candidate`):
    /// ln(v / (α (a/us² + b) q)) ≤ logDensity with 1/α = 1.1239 + 1.1328/(b − 3.4), all in one quotient,
    ///   v · us² · (1.1239 (b − 3.4) + 1.1328) · √s · (s^7 if m < 7) / ((b − 3.4) (a + b us²) (m⋯(m+6) if m < 7)).
    @inline(__always)
    static func accepts(lambda: Double, b: Double, k: Double, us: Double, v: Double) -> Bool {
        let a = -0.059 + 0.02483 * b
        let m = k + 1
        let small = m < 7
        let s = small ? m + 7 : m
        let invS = 1 / s
        let z = invS * invS
        let s2 = s * s
        let s7 = s2 * s2 * s2 * s
        let m3 = m * (m + 1) * (m + 2)
        let rising = m3 * (m + 3) * (m + 4) * (m + 5) * (m + 6)
        let us2 = us * us
        let numerator = v * us2 * (1.1239 * (b - 3.4) + 1.1328) * laneSqrt(s) * (small ? s7 : 1)
        let denominator = (b - 3.4) * (a + b * us2) * (small ? rising : 1)
        var series = -2.955065359477124e-02
        series = series * z + 6.410256410256410e-03
        series = series * z - 1.917526917526918e-03
        series = series * z + 8.417508417508418e-04
        series = series * z - 5.952380952380952e-04
        series = series * z + 7.936507936507937e-04
        series = series * z - 2.777777777777778e-03
        series = series * z + 8.333333333333333e-02
        let logDensity = (s - lambda) + k * laneLog(lambda * invS) - 0.918_938_533_204_672_74 - series * invS
        return laneLog(numerator / denominator) <= logDensity
    }

    // MARK: lane kernels (same operations as above)

    @inline(__always)
    static func scale(lambda: DoubleLanes) -> DoubleLanes { 0.931 + 2.53 * laneSqrt(lambda) }

    /// `candidate` per lane; the words are in the low 32 bits of each 64-bit lane.
    @inline(__always)
    static func candidate(lambda: DoubleLanes, b: DoubleLanes, uHi: WordLanes, uLo: WordLanes, vHi: WordLanes,
                          vLo: WordLanes) -> (k: DoubleLanes, squeezed: LaneMask, open: LaneMask, us: DoubleLanes, v: DoubleLanes) {
        let u = laneUnit52(uHi, uLo) - 0.5
        let v = laneUnit52(vHi, vLo)
        let a = -0.059 + 0.02483 * b
        let us = 0.5 - laneMagnitude(u)
        let x = (2 * a / us + b) * u + lambda + 0.43
        let inRange = laneMagnitude(x) .< 0x1p50
        let k = laneFloor(DoubleLanes(repeating: -1).replacing(with: x, where: inRange))
        let squeezed = inRange .& (us .>= 0.07) .& (v * (b - 2) .<= 0.9277 * (b - 2) - 3.6224)
        let open = .!squeezed .& (k .>= 0) .& .!((us .< 0.013) .& (v .> us))
        return (k, squeezed, open, us, v)
    }

    /// `accepts` per lane (lanes that are not open give an arbitrary answer).
    @inline(__always)
    static func accepts(lambda: DoubleLanes, b: DoubleLanes, k: DoubleLanes, us: DoubleLanes, v: DoubleLanes) -> LaneMask {
        let a = -0.059 + 0.02483 * b
        let m = k + 1
        let small = m .< 7
        var s = m
        let us2 = us * us
        var numerator: DoubleLanes = v * us2 * (1.1239 * (b - 3.4) + 1.1328)
        var denominator: DoubleLanes = (b - 3.4) * (a + b * us2)
        if any(small) {  // rare for λ ≥ 12 (k ≤ 5); × 1 in the other lanes is exact, so both ways agree
            let one = DoubleLanes(repeating: 1)
            s = m.replacing(with: m + 7, where: small)
            let s2 = s * s
            let s7 = s2 * s2 * s2 * s
            let m3: DoubleLanes = m * (m + 1) * (m + 2)
            let rising: DoubleLanes = m3 * (m + 3) * (m + 4) * (m + 5) * (m + 6)
            numerator = numerator * laneSqrt(s) * one.replacing(with: s7, where: small)
            denominator = denominator * one.replacing(with: rising, where: small)
        } else {
            numerator = numerator * laneSqrt(s)
        }
        let invS = 1 / s
        let z = invS * invS
        var series = DoubleLanes(repeating: -2.955065359477124e-02)
        series = series * z + 6.410256410256410e-03
        series = series * z - 1.917526917526918e-03
        series = series * z + 8.417508417508418e-04
        series = series * z - 5.952380952380952e-04
        series = series * z + 7.936507936507937e-04
        series = series * z - 2.777777777777778e-03
        series = series * z + 8.333333333333333e-02
        let logDensity = (s - lambda) + k * laneLog(lambda * invS) - 0.918_938_533_204_672_74 - series * invS
        return laneLog(numerator / denominator) .<= logDensity
    }
}
