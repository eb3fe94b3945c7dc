import Foundation

/// A scalar scene parameter: a constant or a distribution its value is drawn from (units are the parameter's).
public enum Distribution: Sendable, Equatable, Codable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, sigma: Double)
    case truncatedNormal(mean: Double, sigma: Double, low: Double, high: Double)
    /// ln(value) ~ Normal(ln(median), sigma).
    case lognormal(median: Double, sigma: Double)
    case logUniform(low: Double, high: Double)
    case choice(values: [Double], weights: [Double])

    /// The smallest closed interval holding every value the distribution can produce.
    public var support: ClosedRange<Double> {
        switch self {
        case .constant(let v): return v...v
        case .uniform(let lo, let hi), .logUniform(let lo, let hi), .truncatedNormal(_, _, let lo, let hi):
            return lo...hi
        case .normal: return -Double.infinity...Double.infinity
        case .lognormal: return Double.leastNonzeroMagnitude...Double.infinity
        case .choice(let values, _): return values.min()!...values.max()!
        }
    }

    /// True when the value never varies.
    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }

    /// Draws one value from the uniform stream `random` (uses its blocks 0 and 1).
    public func draw(_ random: KeyedRandom) -> Double {
        switch self {
        case .constant(let v):
            return v
        case .uniform(let lo, let hi):
            return lo + (hi - lo) * random.uniform(0)
        case .normal(let mean, let sigma):
            return mean + sigma * random.normal(0)
        case .truncatedNormal(let mean, let sigma, let lo, let hi):
            // Inverse CDF on the side of the window nearer the mean's lower tail, where Φ keeps its precision:
            // a window above the mean is reflected to [−b, −a] and the draw negated.
            var a = (lo - mean) / sigma, b = (hi - mean) / sigma
            let reflect = a > 0
            if reflect { (a, b) = (-b, -a) }
            let pLow = normalCDF(a), pHigh = normalCDF(b)
            let p = pLow + (pHigh - pLow) * random.uniform(0)
            var z = normalQuantile(min(max(p, Double.leastNormalMagnitude), 1 - 1e-16))
            z = min(max(z, a), b)
            return min(max(mean + sigma * (reflect ? -z : z), lo), hi)
        case .lognormal(let median, let sigma):
            return median * exp(sigma * random.normal(0))
        case .logUniform(let lo, let hi):
            return lo * exp(log(hi / lo) * random.uniform(0))
        case .choice(let values, let weights):
            let total = weights.reduce(0, +)
            let target = random.uniform(0) * total
            var running = 0.0
            for (value, weight) in zip(values, weights) {
                running += weight
                if target < running { return value }
            }
            return values[values.count - 1]
        }
    }
}
