/// Poisson by inversion for small means: the smallest k with u ≤ F(k), found by summing the pmf
/// p(j) = p(j−1) · (λ · (1/j)) from p(0) = e^{−λ}. One uniform per pixel (`NoiseCounter`), so no
/// rejection. The lane form runs the same recurrence for 32 pixels until every u is covered; the scalar
/// form is the reference. Both use the same operations in the same order, so they agree bit for bit.
enum PoissonInversion {
    /// Iterations the lane form runs before leaving a pixel to the scalar form (P(k ≥ 64 | λ < 12) < 1e-30).
    static let laneIterations = 64
    /// Pixels per lane loop (a lane loop needs ≥ 16 iterations before LLVM vectorises it; more lanes
    /// run longer, to the largest k among them).
    static let lanesWidth = 32

    /// Smallest k with u ≤ F(k) for Poisson(λ), 0 ≤ λ < 700.
    static func sample(lambda: Double, u: Double) -> Double {
        var k = 0.0
        var p = laneExp(-lambda)
        var cdf = p
        while u > cdf {
            k += 1
            p = p * (lambda * (1 / k))
            let next = cdf + p
            if next == cdf { break }  // u above the rounded CDF's limit (probability ~1e-16)
            cdf = next
        }
        return k
    }

    /// The counts of `count` lanes (a multiple of 2) into k, given p[l] = e^{−λ} (as laneExp gives it; the
    /// walk overwrites p); stuck[l] = 1 where the lane needs the scalar form.
    @inline(never)
    static func lanes(count: Int, lambda: UnsafePointer<Double>, u: UnsafePointer<Double>,
                      p: UnsafeMutablePointer<Double>, cdf: UnsafeMutablePointer<Double>,
                      k: UnsafeMutablePointer<Double>, stuck: UnsafeMutablePointer<UInt32>) {
        for l in 0..<count {
            cdf[l] = p[l]
            k[l] = 0
        }
        var j = 1
        while j <= laneIterations {
            let step = 1 / Double(j)
            var more: UInt32 = 0
            for l in 0..<count {
                let below: UInt32 = u[l] > cdf[l] ? 1 : 0
                k[l] += Double(below)
                p[l] = p[l] * (lambda[l] * step)
                cdf[l] = cdf[l] + p[l]
                more |= below
            }
            if more == 0 { break }
            j += 1
        }
        for l in 0..<count { stuck[l] = u[l] > cdf[l] ? 1 : 0 }
    }
}
