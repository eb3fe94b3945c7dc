/// Quintic Lagrange interpolation on a uniform table: `table[i]` holds f at position i; `u` is the position
/// (fractional index) with 2 ≤ u < table.count − 3. Uses the six points ⌊u⌋−2 … ⌊u⌋+3.
@inline(__always)
func quinticInterpolate(_ table: [Double], at u: Double) -> Double {
    table.withUnsafeBufferPointer { quinticInterpolate($0, at: u) }
}

/// The same on a buffer (no bounds checks: the caller keeps 2 ≤ u < count − 3). With x_j = s − (j − 2) the distances
/// to the six points, point j's Lagrange weight is Π_{k≠j} x_k / Π_{k≠j} (j − k): the products of the x_k before and
/// after j, times a constant. No division (the weights' denominators are multiplied as reciprocals): a division
/// per weight was most of the cost of a Sérsic lookup.
@inline(__always)
func quinticInterpolate(_ table: UnsafeBufferPointer<Double>, at u: Double) -> Double {
    let floor = laneFloor(u)  // ⌊u⌋ and its integer value without Int(u)'s range check, which would keep loops scalar
    let i = Int(Int64(bitPattern: (floor + laneRoundingMagic).bitPattern &- laneRoundingMagic.bitPattern))
    let s = u - floor
    let x0 = s + 2, x1 = s + 1, x3 = s - 1, x4 = s - 2, x5 = s - 3
    let before1 = x0, before2 = x0 * x1, before3 = before2 * s, before4 = before3 * x3, before5 = before4 * x4
    let after4 = x5, after3 = x4 * x5, after2 = x3 * after3, after1 = s * after2, after0 = x1 * after1
    return after0 * (-1.0 / 120) * table[i &- 2] + (before1 * after1) * (1.0 / 24) * table[i &- 1]
        + (before2 * after2) * (-1.0 / 12) * table[i] + (before3 * after3) * (1.0 / 12) * table[i &+ 1]
        + (before4 * after4) * (-1.0 / 24) * table[i &+ 2] + before5 * (1.0 / 120) * table[i &+ 3]
}
