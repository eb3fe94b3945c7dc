/// Quintic Lagrange interpolation on a uniform table: `table[i]` holds f at position i; `u` is the position
/// (fractional index) with 2 ≤ u < table.count − 3. Uses the six points ⌊u⌋−2 … ⌊u⌋+3.
@inline(__always)
func quinticInterpolate(_ table: [Double], at u: Double) -> Double {
    table.withUnsafeBufferPointer { quinticInterpolate($0, at: u) }
}

/// The same on a buffer (no bounds checks: the caller keeps 2 ≤ u < count − 3).
@inline(__always)
func quinticInterpolate(_ table: UnsafeBufferPointer<Double>, at u: Double) -> Double {
    let i = Int(u)
    let s = u - Double(i)
    let a = s + 2, b = s + 1, c = s - 1, d = s - 2, e = s - 3
    return -s * b * c * d * e / 120 * table[i - 2] + a * s * c * d * e / 24 * table[i - 1]
        - a * b * c * d * e / 12 * table[i] + a * b * s * d * e / 12 * table[i + 1]
        - a * b * s * c * e / 24 * table[i + 2] + a * b * s * c * d / 120 * table[i + 3]
}
