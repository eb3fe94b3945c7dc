/// PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random variables"):
/// for λ ≥ 10 a candidate k from two uniforms by a transformed-rejection hat, accepted at once by a
/// cheap squeeze (60–80 % of tries), else by comparing log densities (overall acceptance 0.77–0.89).
/// Constants as in numpy's random_poisson_ptrs. `candidate` is branch-free and runs as lane code over
/// many pixels; `accepts` (two logs) runs only for candidates the squeeze left open.
///
/// The log-density test is rewritten to stay accurate for large λ: with m = k + 1, n = 7 if m < 7
/// else 0, s = m + n and Stirling's series S(s) for ln Γ(s),
///   −λ + k ln λ − ln Γ(k+1) = (s − λ) + k ln(λ/s) − ½ ln 2π − S(s) + ln q,
///   q = m(m+1)…(m+6) / (s^7 √s) if m < 7, else 1/√s  (computed from 1/s),
/// so it needs two logs and no cancellation between terms of size λ ln λ.
enum PoissonPTRS {
    /// Largest mean the sampler accepts (keeps every candidate in the range of `laneFloor`).
    static let maxLambda = 0x1p48

    /// One try's candidate from a block's words, for 10 ≤ λ ≤ maxLambda and slam = √λ.
    /// `squeezed` = 1: accepted by the squeeze; 0: see `isOpen`. (Bit arithmetic instead of `&&`: the
    /// short-circuit branches kept LLVM from vectorising the lane loop.)
    @inline(__always)
    static func candidate(lambda: Double, slam: Double, _ w0: UInt32, _ w1: UInt32, _ w2: UInt32, _ w3: UInt32)
        -> (k: Double, squeezed: UInt32, us: Double, v: Double) {
        let u = laneUnit52(w0, w1) - 0.5
        let v = laneUnit52(w2, w3)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let vr = 0.9277 - 3.6224 / (b - 2)
        let us = 0.5 - u.magnitude
        let x = (2 * a / us + b) * u + lambda + 0.43
        let inRange = x.magnitude < 0x1p50  // else |k − λ| > 2^49: the density test would reject it
        let k = laneFloor(inRange ? x : -1)  // −1: rejected below
        let squeezed: UInt32 = (inRange ? 1 : 0) & (us >= 0.07 ? 1 : 0) & (v <= vr ? 1 : 0)
        return (k, squeezed, us, v)
    }

    /// Whether a candidate the squeeze did not take still needs the log-density test (else it is rejected).
    @inline(__always)
    static func isOpen(k: Double, us: Double, v: Double) -> Bool {
        k >= 0 && !(us < 0.013 && v > us)
    }

    /// The log-density test for an open candidate k ≥ 0 (same λ, slam; us and v from `candidate`).
    @inline(never)
    static func accepts(lambda: Double, slam: Double, k: Double, us: Double, v: Double) -> Bool {
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let m = k + 1
        let small = m < 7
        let s = small ? m + 7 : m
        let invS = 1 / s  // one division, shared (fewer divisions in the dependency chain)
        let z = invS * invS
        let rising = m * (m + 1) * (m + 2) * (m + 3) * (m + 4) * (m + 5) * (m + 6)
        let q = (small ? rising * (z * z * z * invS) : 1) * laneSqrt(invS)
        var series = -1.39243221690590e+00
        series = series * z + 1.796443723688307e-01
        series = series * z - 2.955065359477124e-02
        series = series * z + 6.410256410256410e-03
        series = series * z - 1.917526917526918e-03
        series = series * z + 8.417508417508418e-04
        series = series * z - 5.952380952380952e-04
        series = series * z + 7.936507936507937e-04
        series = series * z - 2.777777777777778e-03
        series = series * z + 8.333333333333333e-02
        let logDensity = (s - lambda) + k * laneLog(lambda * invS) - 0.918_938_533_204_672_74 - series * invS
        return laneLog(v * invalpha / ((a / (us * us) + b) * q)) <= logDensity
    }
}
