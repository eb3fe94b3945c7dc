import Foundation

/// J₀(x) for x ≥ 0, fast: a table of GSL values with quintic interpolation for x < 40 (≈1e-12 absolute), and
/// Hankel's asymptotic expansion (four terms of P and Q, ≈1e-11 relative) beyond.
struct BesselJ0: Sendable {
    static let shared = BesselJ0()

    private static let step = 1.0 / 128
    private static let limit = 40.0
    private let table: [Double]

    private init() {
        let count = Int(BesselJ0.limit / BesselJ0.step) + 8
        table = (0..<count).map { i in GSL.besselJ0(Double(i - 2) * BesselJ0.step) }
    }

    @inline(__always)
    func callAsFunction(_ x: Double) -> Double {
        if x < BesselJ0.limit {
            return quinticInterpolate(table, at: x * (1 / BesselJ0.step) + 2)
        }
        let y = 1 / (x * x)
        let p = 1 - y * (9.0 / 128 - y * (11025.0 / 98304 - y * (108_056_025.0 / 188_743_680)))
        let q = (-1.0 / 8 + y * (75.0 / 1024 - y * (893_025.0 / 3_932_160))) / x
        let chi = x - Double.pi / 4
        return (2 / (Double.pi * x)).squareRoot() * (p * cos(chi) - q * sin(chi))
    }
}
