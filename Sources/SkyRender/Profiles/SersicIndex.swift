import Foundation

/// The Sérsic b_n: the exact root of γ(2n, b) = Γ(2n)/2, so that r_e encloses half the light.
public func sersicB(_ n: Double) -> Double {
    let a = 2 * n
    // Ciotti & Bertin (1999) asymptotic start, then Newton on P(2n, b) − 1/2 (dP/db is the Gamma density).
    var b = a - 1.0 / 3 + 4 / (405 * n) + 46 / (25_515 * n * n)
    if n < 0.36 { b = max(b, 0.01) }
    let lnGammaA = GSL.lnGamma(a)
    for _ in 0..<60 {
        let p = (try? GSL.gammaIncP(a, b)) ?? 0.5
        let density = exp((a - 1) * log(b) - b - lnGammaA)
        let step = (p - 0.5) / density
        b = max(b - step, b / 4)
        if abs(step) < 1e-15 * b { break }
    }
    return b
}
