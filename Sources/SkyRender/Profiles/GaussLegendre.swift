import Foundation

/// Gauss–Legendre nodes and weights on [-1, 1] (Newton on Legendre polynomials; exact to ~1e-15).
struct GaussLegendre: Sendable {
    let nodes: [Double]
    let weights: [Double]

    init(points: Int) {
        var x = [Double](repeating: 0, count: points)
        var w = [Double](repeating: 0, count: points)
        for i in 0..<points {
            var z = cos(Double.pi * (Double(i) + 0.75) / (Double(points) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = 0.0
                for j in 1...points {
                    let p2 = p1
                    p1 = p0
                    p0 = ((2 * Double(j) - 1) * z * p1 - (Double(j) - 1) * p2) / Double(j)
                }
                derivative = Double(points) * (z * p0 - p1) / (z * z - 1)
                let dz = p0 / derivative
                z -= dz
                if abs(dz) < 1e-16 { break }
            }
            x[i] = z
            w[i] = 2 / ((1 - z * z) * derivative * derivative)
        }
        nodes = x
        weights = w
    }

    /// ∫_a^b f(t) dt.
    @inline(__always)
    func integrate(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        let half = 0.5 * (b - a), mid = 0.5 * (a + b)
        var sum = 0.0
        for i in 0..<nodes.count {
            sum += weights[i] * f(mid + half * nodes[i])
        }
        return sum * half
    }
}
