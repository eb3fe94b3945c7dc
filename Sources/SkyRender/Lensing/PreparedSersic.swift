import Foundation

/// A `SersicLight` with b_n, its normalisation and its elliptical metric computed once, for evaluation at many points.
struct PreparedSersic: Sendable {
    let cx: Double, cy: Double
    /// Metric M/r_e with r/r_e = |M (θ − c)|/r_e, M = [[1−e1, −e2], [−e2, 1+e1]]/√(1−|e|²) (det 1; eigenvalues √q along φ, 1/√q across).
    let m11: Double, m12: Double, m22: Double
    let b: Double
    /// 1/(2n): (r/r_e)^(1/n) = (r²/r_e²)^(1/(2n)).
    let halfInverseN: Double
    /// I(0) for unit flux: b^(2n) / (2π n Γ(2n) r_e²), per arcsec².
    let central: Double
    let special: Special
    enum Special: Sendable { case none, gaussian, exponential }

    init(_ light: SersicLight) {
        let n = light.n, re = light.halfLightRadius
        precondition(n > 0 && re > 0, "Sérsic n = \(n) and half-light radius \(re) must be positive")
        let e2sum = light.e1 * light.e1 + light.e2 * light.e2
        precondition(e2sum < 1, "Sérsic ellipticity |e| must be < 1")
        let norm = 1 / ((1 - e2sum).squareRoot() * re)
        m11 = (1 - light.e1) * norm
        m12 = -light.e2 * norm
        m22 = (1 + light.e1) * norm
        cx = light.centerX
        cy = light.centerY
        b = sersicB(n)
        halfInverseN = 1 / (2 * n)
        central = exp(2 * n * log(b) - GSL.lnGamma(2 * n)) / (2 * Double.pi * n * re * re)
        special = n == 0.5 ? .gaussian : (n == 1 ? .exponential : .none)
    }

    /// Surface brightness (flux per arcsec², unit flux) at (x, y) arcsec; at least I(0)·3.3e-308.
    func value(x: Double, y: Double) -> Double {
        switch special {
        case .gaussian: return value(x: x, y: y, power: { $0 })
        case .exponential: return value(x: x, y: y, power: { laneSqrt($0) })
        case .none: return value(x: x, y: y, power: { generalPower($0) })
        }
    }

    /// `value(x:y:)` at the points (x[i], y[i]) into out[i], i < count: one loop per special case, each branch-free,
    /// so that it vectorises (a switch inside the loop would keep it scalar).
    func values(atX x: UnsafePointer<Double>, y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        @inline(__always) func each(_ power: (Double) -> Double) {
            for i in 0..<count { out[i] = value(x: x[i], y: y[i], power: power) }
        }
        switch special {
        case .gaussian: each { $0 }
        case .exponential: each { laneSqrt($0) }
        case .none: each { generalPower($0) }
        }
    }

    /// I at (x, y) arcsec with `power` mapping (r/r_e)² to (r/r_e)^(1/n).
    @inline(__always)
    private func value(x: Double, y: Double, power: (Double) -> Double) -> Double {
        let dx = x - cx, dy = y - cy
        let u = m11 * dx + m12 * dy
        let v = m12 * dx + m22 * dy
        return central * laneExpClamped(-b * power(u * u + v * v))
    }

    /// (r/r_e)^(1/n) = e^(ln(s²)/(2n)) from s² = (r/r_e)²; s² is raised by the smallest normal Double (which leaves
    /// any s² > 2e-292 unchanged) to keep the log in its range at the centre.
    @inline(__always)
    private func generalPower(_ s2: Double) -> Double {
        laneExpClamped(halfInverseN * laneLog(s2 + .leastNormalMagnitude))
    }
}
