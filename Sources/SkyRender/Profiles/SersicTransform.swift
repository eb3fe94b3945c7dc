import Foundation

/// Fourier transform f(q) of a unit-flux round Sérsic profile with r_e = 1 (q in rad per r_e), tabulated on a
/// grid shared by every n (uniform in ln q from `SersicTransform.lnQStart`), so tables of nearby n can be blended.
///
/// f(q) = ∫ g(t) J₀(q tⁿ) dt with g the Gamma(2n, b_n) density (r = tⁿ removes the cusp at r = 0). Each value is
/// integrated by 16-point Gauss–Legendre on a graded mesh near t = 0, pieces of the Gamma density, and the
/// intervals between zeros of J₀; when more than `maxDirectZeros` oscillations remain, the alternating tail is
/// summed with Wynn's ε-algorithm. At small q the moment series 1 − q²⟨R²⟩/4 + q⁴⟨R⁴⟩/64 − q⁶⟨R⁶⟩/2304 is used.
public struct SersicTransform: Sendable {
    /// Sérsic index.
    public let n: Double
    /// b_n.
    public let b: Double
    /// f at q_i = exp(lnQStart + i / pointsPerE).
    let table: [Double]
    /// tailMax[i]: the largest |table[j]| for j ≥ i (non-increasing).
    private let tailMax: [Double]
    private let moments: (Double, Double, Double)
    /// Below q² < qTaylorSquared, f = 1 − c₁q² + c₂q⁴ − c₃q⁶ with (c₁, c₂, c₃) = (⟨R²⟩/4, ⟨R⁴⟩/64, ⟨R⁶⟩/2304).
    private let qTaylorSquared: Double
    private let taylor: (Double, Double, Double)
    /// Beyond the table, f = f(q_max) (q/q_max)^tailExponent, tailExponent = −2 − 1/n.
    private let tailExponent: Double
    /// Below this q², `value(squared:table:)` never takes the asymptote: the last table position's q² shrunk by 1e-9
    /// (u then stays ~2e-8 below that position, far more than laneLog's few-ulp error).
    private let tableQSquaredLimit: Double

    private static let rule = GaussLegendre(points: 16)
    private static let coarseRule = GaussLegendre(points: 8)
    private static let maxDirectZeros = 40
    private static let tailTerms = 24
    /// Table points per unit of ln q.
    static let pointsPerE = 32.0
    /// ln of the first tabulated q.
    static let lnQStart = -9.210340371976184  // ln 1e-4, as a literal: computed at run time it costs a swift_once per read
    /// Number of tabulated points (q up to ≈ 3000 r_e⁻¹; beyond, the q^(−2−1/n) asymptote).
    static let tableCount = Int((log(3000.0) - lnQStart) * pointsPerE) + 6
    /// ln of the largest q read from the table.
    static let lnQMax = lnQStart + Double(tableCount - 4) / pointsPerE

    /// Integrates the whole table for index n.
    public init(n: Double) {
        let b = sersicB(n)
        let integrand = Integrand(n: n, b: b, lnGamma2n: GSL.lnGamma(2 * n))
        let table = (0..<SersicTransform.tableCount).map { i in
            integrand.transform(q: exp(SersicTransform.lnQStart + Double(i) / SersicTransform.pointsPerE))
        }
        self.init(n: n, b: b, table: table)
    }

    /// A transform for index n whose table was blended from neighbouring indices.
    init(n: Double, b: Double, table: [Double]) {
        self.n = n
        self.b = b
        self.table = table
        var tailMax = table.map(abs)
        for i in stride(from: tailMax.count - 2, through: 0, by: -1) { tailMax[i] = max(tailMax[i], tailMax[i + 1]) }
        self.tailMax = tailMax
        let lnGamma2n = GSL.lnGamma(2 * n)
        let moment = { (j: Double) -> Double in exp(GSL.lnGamma(2 * n + j * n) - lnGamma2n - j * n * log(b)) }
        moments = (moment(2), moment(4), moment(6))
        let qTaylor = min((1e-5 / moments.0).squareRoot(), exp(SersicTransform.lnQStart + 2 / SersicTransform.pointsPerE))
        qTaylorSquared = qTaylor * qTaylor
        taylor = (moments.0 / 4, moments.1 / 64, moments.2 / 2304)
        tailExponent = -2 - 1 / n
        tableQSquaredLimit = exp(2 * (SersicTransform.lnQStart + Double(table.count - 4) / SersicTransform.pointsPerE))
            * (1 - 1e-9)
    }

    /// ⟨R²⟩ of the unit-r_e profile's light (R in units of r_e): Γ(4n) / (Γ(2n) b^{2n}).
    var meanSquareRadius: Double { moments.0 }

    /// f(q) for q ≥ 0 (q = k·r_e in radians per half-light radius).
    public func value(_ q: Double) -> Double {
        value(squared: q * q)
    }

    /// f at q = √q2 (q ≥ 0).
    func value(squared q2: Double) -> Double {
        table.withUnsafeBufferPointer { value(squared: q2, table: $0) }
    }

    /// Most values `values(squared:into:count:)` computes in one call.
    static let batch = 64

    /// f at q = √q2[i] into out[i], i < count ≤ `batch` (out may be q2), in one vectorised loop. The loop writes to a
    /// buffer of its own on the stack, then copies: the compiler vectorises a table lookup only into memory it can
    /// tell apart from the table.
    @inline(__always)
    func values(squared q2: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        precondition(count <= SersicTransform.batch, "at most \(SersicTransform.batch) values at once")
        withUnsafeTemporaryAllocation(of: Double.self, capacity: SersicTransform.batch) { local in
            let values = local.baseAddress!
            table.withUnsafeBufferPointer { table in
                // Usually every q of the batch lies within the table: then only the interpolation is computed, which
                // is the value the branch-free form keeps for such q (same operations, same bits).
                var outside: UInt8 = 0
                for i in 0..<count {
                    outside |= (q2[i] < qTaylorSquared ? 1 : 0) | (q2[i] >= tableQSquaredLimit ? 1 : 0)
                }
                if outside == 0 {
                    for i in 0..<count { values[i] = interpolated(squared: q2[i], table: table) }
                } else {
                    for i in 0..<count { values[i] = value(squared: q2[i], table: table) }
                }
            }
            out.update(from: values, count: count)
        }
    }

    /// f at q² (q ≥ 0) from `table` (this transform's), branch-free: the moment series below qTaylor, the power-law
    /// asymptote beyond the table, quintic interpolation in ln q between (all three computed, one kept).
    @inline(__always)
    private func value(squared q2: Double, table: UnsafeBufferPointer<Double>) -> Double {
        let lnQ = 0.5 * laneLog(q2 + .leastNormalMagnitude)  // q = 0 is caught by the series
        let u = (lnQ - SersicTransform.lnQStart) * SersicTransform.pointsPerE
        let last = table.count &- 4
        let series = 1 - q2 * (taylor.0 - q2 * (taylor.1 - q2 * taylor.2))
        let asymptote = table[last] * laneExpClamped(tailExponent * (lnQ - SersicTransform.lnQMax))
        let interpolated = quinticInterpolate(table, at: u < 2 ? 2 : (u < Double(last) ? u : Double(last) - 0.5))
        return q2 < qTaylorSquared ? series : (u >= Double(last) ? asymptote : interpolated)
    }

    /// `value(squared:table:)` for qTaylor² ≤ q2 < `tableQSquaredLimit`, where it keeps the interpolation: the same
    /// operations without the other two forms.
    @inline(__always)
    private func interpolated(squared q2: Double, table: UnsafeBufferPointer<Double>) -> Double {
        let lnQ = 0.5 * laneLog(q2 + .leastNormalMagnitude)
        let u = (lnQ - SersicTransform.lnQStart) * SersicTransform.pointsPerE
        let last = table.count &- 4
        return quinticInterpolate(table, at: u < 2 ? 2 : (u < Double(last) ? u : Double(last) - 0.5))
    }

    /// An upper bound of |f(q′)| for every q′ ≥ q: the largest tabulated |f| from the interpolation stencil of q
    /// onward, 10 % up for the interpolant's overshoot between nodes (1 for q below the table).
    public func bound(beyond q: Double) -> Double {
        let u = q > 0 ? (log(q) - SersicTransform.lnQStart) * SersicTransform.pointsPerE : -1
        guard u >= 3 else { return max(1, tailMax[0] * 1.1) }
        let last = table.count - 4
        return 1.1 * tailMax[min(Int(u) - 2, last)]
    }

    /// Direct numerical value of f(q) (no table); used to build the table and by tests.
    public static func exactValue(n: Double, q: Double) -> Double {
        Integrand(n: n, b: sersicB(n), lnGamma2n: GSL.lnGamma(2 * n)).transform(q: q)
    }

    /// The Gamma-density integrand and its integration plan.
    private struct Integrand {
        let n: Double
        let b: Double
        let lnNorm: Double
        let mean: Double
        let sd: Double
        let end: Double

        init(n: Double, b: Double, lnGamma2n: Double) {
            self.n = n
            self.b = b
            lnNorm = 2 * n * log(b) - lnGamma2n
            mean = 2 * n / b
            sd = (2 * n).squareRoot() / b
            end = (2 * n + 14 * (2 * n).squareRoot() + 40) / b
        }

        @inline(__always)
        func density(_ t: Double) -> Double {
            exp(lnNorm + (2 * n - 1) * log(t) - b * t)
        }

        /// g(t) J₀(q tⁿ), sharing ln t between the density and tⁿ.
        @inline(__always)
        func integrand(_ t: Double, _ q: Double) -> Double {
            let lnT = log(t)
            return exp(lnNorm + (2 * n - 1) * lnT - b * t) * BesselJ0.shared(q * exp(n * lnT))
        }

        func piece(_ a: Double, _ c: Double, _ q: Double) -> Double {
            SersicTransform.rule.integrate(a, c) { integrand($0, q) }
        }

        /// The graded pieces near t = 0 carry little light and are smooth on their own scale: 8 points suffice.
        func coarse(_ a: Double, _ c: Double, _ q: Double) -> Double {
            SersicTransform.coarseRule.integrate(a, c) { integrand($0, q) }
        }

        func transform(q: Double) -> Double {
            // Zeros of J0(q t^n) mapped to t.
            var zeros: [Double] = []
            var m = 1
            while zeros.count < SersicTransform.maxDirectZeros {
                let t = pow(GSL.besselZeroJ0(m) / q, 1 / n)
                if t >= end { break }
                zeros.append(t)
                m += 1
            }
            let accelerate = zeros.count == SersicTransform.maxDirectZeros
            let directEnd = accelerate ? zeros[zeros.count - 1] : end
            // Base mesh: graded towards t = 0, then pieces of the density.
            let tc = min(0.5 * mean, directEnd)
            var graded: [Double] = []
            var g = tc
            for _ in 0..<18 {
                g *= 0.2
                graded.append(g)
            }
            let smallest = g
            // Pieces of half a standard deviation around the peak, growing geometrically in the exponential tail.
            var points: [Double] = []
            var width = max(0.5 * sd, 1 / b)
            var t = tc
            while t < directEnd {
                points.append(t)
                if t > mean + 3 * sd { width *= 1.5 }
                t += width
            }
            points.append(contentsOf: zeros)
            points.append(directEnd)
            points = points.filter { $0 <= directEnd }.sorted()
            // Below the smallest point J0 ≈ J0(q t^n) at that point and the density integrates to P(2n, b t).
            var sum = ((try? GSL.gammaIncP(2 * n, b * smallest)) ?? 0) * BesselJ0.shared(q * pow(smallest, n))
            graded = graded.reversed().filter { $0 < points[0] } + [points[0]]
            for i in 0..<(graded.count - 1) {
                sum += coarse(graded[i], graded[i + 1], q)
            }
            for i in 0..<(points.count - 1) where points[i + 1] > points[i] {
                sum += piece(points[i], points[i + 1], q)
            }
            guard accelerate else { return sum }
            // Alternating tail between successive zeros, summed with Wynn's epsilon algorithm.
            var partial: [Double] = []
            var running = 0.0
            var lower = directEnd
            for k in 0..<SersicTransform.tailTerms {
                let upper = pow(GSL.besselZeroJ0(m + k) / q, 1 / n)
                running += piece(lower, upper, q)
                partial.append(running)
                lower = upper
                if upper >= end { return sum + running }
            }
            return sum + wynnEpsilon(partial)
        }
    }
}

/// Limit of a sequence of partial sums by Wynn's ε-algorithm (the last even-column entry).
func wynnEpsilon(_ s: [Double]) -> Double {
    var previous = [Double](repeating: 0, count: s.count + 1)
    var current = s
    var best = s[s.count - 1]
    var column = 0
    while current.count > 1 {
        var next: [Double] = []
        for i in 0..<(current.count - 1) {
            let diff = current[i + 1] - current[i]
            if diff == 0 { return current[i + 1] }
            next.append(previous[i + 1] + 1 / diff)
        }
        previous = current
        current = next
        column += 1
        if column % 2 == 0, let last = current.last { best = last }
    }
    return best
}
