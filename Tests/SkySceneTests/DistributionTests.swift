import Foundation
import XCTest
@testable import SkyScene

/// Draws stay inside each distribution's support and follow its law (moments within 5σ).
final class DistributionTests: XCTestCase {
    static let drawCount = 20_000

    /// `count` draws keyed by sample index 0..<count on one stream.
    func draws(_ d: Distribution, seed: UInt64 = 20_261_122, stream: String = "tests.distribution",
               count: Int = drawCount) -> [Double] {
        let generator = Philox(seed: seed)
        let tag = RandomKey.stream(stream)
        return (0..<count).map { i in
            d.draw(KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(i), stream: tag)))
        }
    }

    static let examples: [Distribution] = [
        .constant(2.5),
        .uniform(low: -1, high: 3),
        .normal(mean: 1, sigma: 2),
        .truncatedNormal(mean: 0, sigma: 1, low: -0.5, high: 2),
        .truncatedNormal(mean: 0, sigma: 0.3, low: -1, high: 1),
        .truncatedNormal(mean: 5, sigma: 1, low: 0, high: 4),
        .lognormal(median: 0.6, sigma: 0.3),
        .logUniform(low: 0.01, high: 100),
        .choice(values: [0, 1, 2.5, 7], weights: [1, 2, 3, 4]),
    ]

    func testDrawsStayInsideTheSupport() {
        for d in Self.examples {
            let support = d.support
            let xs = draws(d)
            let outside = xs.filter { !support.contains($0) || !$0.isFinite }
            XCTAssertTrue(outside.isEmpty, "\(d): \(outside.count) draws outside \(support), e.g. \(outside.prefix(3))")
        }
    }

    func testSupportValues() {
        XCTAssertEqual(Distribution.constant(2).support, 2...2)
        XCTAssertEqual(Distribution.uniform(low: 1, high: 2).support, 1...2)
        XCTAssertEqual(Distribution.logUniform(low: 0.1, high: 10).support, 0.1...10)
        XCTAssertEqual(Distribution.truncatedNormal(mean: 0, sigma: 1, low: -2, high: 3).support, -2...3)
        XCTAssertEqual(Distribution.normal(mean: 0, sigma: 1).support, -Double.infinity...Double.infinity)
        let lognormal = Distribution.lognormal(median: 1, sigma: 1).support
        XCTAssertGreaterThan(lognormal.lowerBound, 0)
        XCTAssertEqual(lognormal.upperBound, .infinity)
        XCTAssertEqual(Distribution.choice(values: [3, -1, 2], weights: [1, 1, 1]).support, -1...3)
        XCTAssertTrue(Distribution.constant(1).isConstant)
        XCTAssertFalse(Distribution.uniform(low: 0, high: 1).isConstant)
    }

    func testConstantIsConstant() {
        XCTAssertEqual(Set(draws(.constant(2.5), count: 100)), [2.5])
    }

    func testDrawsArePureFunctionsOfTheKey() {
        let d = Distribution.normal(mean: 0, sigma: 1)
        XCTAssertEqual(draws(d, count: 500), draws(d, count: 500))
        XCTAssertNotEqual(draws(d, count: 500), draws(d, seed: 1, count: 500))
        XCTAssertNotEqual(draws(d, count: 500), draws(d, stream: "another.stream", count: 500))
        // Draws on consecutive sample indices are not (nearly) all alike.
        XCTAssertEqual(Set(draws(d, count: 500)).count, 500)
    }

    func testUniformMoments() {
        let (a, b) = (-1.0, 3.0)
        let m = Moments(draws(.uniform(low: a, high: b)))
        let variance = (b - a) * (b - a) / 12
        assertWithinSigma(m.mean, (a + b) / 2, sigma: (variance / Double(m.count)).squareRoot(), "uniform mean")
        let mu4 = pow(b - a, 4) / 80
        assertWithinSigma(m.variance, variance, sigma: ((mu4 - variance * variance) / Double(m.count)).squareRoot(), "uniform variance")
    }

    func testNormalMoments() {
        let (mean, sigma) = (1.0, 2.0)
        let m = Moments(draws(.normal(mean: mean, sigma: sigma)))
        let n = Double(m.count)
        assertWithinSigma(m.mean, mean, sigma: sigma / n.squareRoot(), "normal mean")
        assertWithinSigma(m.variance, sigma * sigma, sigma: sigma * sigma * (2 / n).squareRoot(), "normal variance")
        // Tails: P(|x − μ| > 2σ) = 0.0455.
        let tail = Double(draws(.normal(mean: mean, sigma: sigma)).filter { abs($0 - mean) > 2 * sigma }.count) / n
        assertWithinSigma(tail, 0.04550026, sigma: (0.0455 * 0.9545 / n).squareRoot(), "normal 2σ tail fraction")
    }

    /// Analytic mean and variance of Normal(mean, sigma) truncated to [low, high].
    func truncatedNormalMoments(mean: Double, sigma: Double, low: Double, high: Double) -> (mean: Double, variance: Double) {
        func phi(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        func upperTail(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }
        let alpha = (low - mean) / sigma, beta = (high - mean) / sigma
        // Z = Φ(β) − Φ(α), from the tail that keeps its precision.
        let z = alpha > 0 ? upperTail(alpha) - upperTail(beta) : cdf(beta) - cdf(alpha)
        let r = (phi(alpha) - phi(beta)) / z
        let variance = sigma * sigma * (1 + (alpha * phi(alpha) - beta * phi(beta)) / z - r * r)
        return (mean + sigma * r, variance)
    }

    func testTruncatedNormalMoments() {
        let cases: [(Double, Double, Double, Double)] = [(0, 1, -0.5, 2), (0, 0.3, -1, 1), (5, 1, 0, 4), (0, 1, 1, 3)]
        for (mean, sigma, low, high) in cases {
            let d = Distribution.truncatedNormal(mean: mean, sigma: sigma, low: low, high: high)
            let xs = draws(d)
            XCTAssertTrue(xs.allSatisfy { $0 >= low && $0 <= high }, "\(d)")
            let m = Moments(xs)
            let expected = truncatedNormalMoments(mean: mean, sigma: sigma, low: low, high: high)
            assertWithinSigma(m.mean, expected.mean, sigma: (expected.variance / Double(m.count)).squareRoot(), "\(d) mean")
            assertWithinSigma(m.variance, expected.variance, sigma: m.varianceError, "\(d) variance")
        }
    }

    func testTruncatedNormalMomentsSanity() {
        // The helper itself: a wide window gives the untruncated moments; [0, ∞) gives the half-normal mean √(2/π).
        let wide = truncatedNormalMoments(mean: 3, sigma: 2, low: -100, high: 100)
        XCTAssertEqual(wide.mean, 3, accuracy: 1e-12)
        XCTAssertEqual(wide.variance, 4, accuracy: 1e-12)
        let half = truncatedNormalMoments(mean: 0, sigma: 1, low: 0, high: 60)
        XCTAssertEqual(half.mean, (2 / Double.pi).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(half.variance, 1 - 2 / Double.pi, accuracy: 1e-12)
        // Far tail: mirror images, and the mean of N(0,1) on [8, 9] is φ(8)/Q(8) ≈ 8.1211 (inverse Mills ratio).
        let upper = truncatedNormalMoments(mean: 0, sigma: 1, low: 8, high: 9)
        let lower = truncatedNormalMoments(mean: 0, sigma: 1, low: -9, high: -8)
        XCTAssertEqual(upper.mean, -lower.mean, accuracy: 1e-9)
        XCTAssertEqual(upper.variance, lower.variance, accuracy: 1e-9)
        XCTAssertEqual(upper.mean, 8.1211, accuracy: 1e-3)
    }

    func testTruncatedNormalIsMirrorSymmetric() {
        // Truncating to [a, b] and to [−b, −a] must give mirror-image laws, also far in the tails.
        for (low, high) in [(1.0, 3.0), (4.0, 6.0), (8.0, 9.0)] {
            let upper = Moments(draws(.truncatedNormal(mean: 0, sigma: 1, low: low, high: high)))
            let lower = Moments(draws(.truncatedNormal(mean: 0, sigma: 1, low: -high, high: -low)))
            let expected = truncatedNormalMoments(mean: 0, sigma: 1, low: low, high: high)
            let se = (expected.variance / Double(upper.count)).squareRoot()
            assertWithinSigma(upper.mean, expected.mean, sigma: se, "mean on [\(low), \(high)]")
            assertWithinSigma(lower.mean, -expected.mean, sigma: se, "mean on [\(-high), \(-low)]")
            assertWithinSigma(upper.variance, expected.variance, sigma: upper.varianceError, "variance on [\(low), \(high)]")
        }
    }

    func testLognormalMedianAndLogMoments() {
        let (median, sigma) = (0.6, 0.3)
        let xs = draws(.lognormal(median: median, sigma: sigma))
        XCTAssertTrue(xs.allSatisfy { $0 > 0 })
        let n = Double(xs.count)
        let below = Double(xs.filter { $0 < median }.count) / n
        assertWithinSigma(below, 0.5, sigma: (0.25 / n).squareRoot(), "fraction below the median")
        let logs = Moments(xs.map(log))
        assertWithinSigma(logs.mean, log(median), sigma: sigma / n.squareRoot(), "mean of ln x")
        assertWithinSigma(logs.variance, sigma * sigma, sigma: sigma * sigma * (2 / n).squareRoot(), "variance of ln x")
        let m = Moments(xs)
        let mean = median * exp(sigma * sigma / 2)
        let variance = (exp(sigma * sigma) - 1) * median * median * exp(sigma * sigma)
        assertWithinSigma(m.mean, mean, sigma: (variance / n).squareRoot(), "lognormal mean")
    }

    func testLogUniformMoments() {
        let (a, b) = (0.01, 100.0)
        let xs = draws(.logUniform(low: a, high: b))
        let n = Double(xs.count)
        let logs = Moments(xs.map(log))
        let width = log(b) - log(a)
        assertWithinSigma(logs.mean, (log(a) + log(b)) / 2, sigma: width / (12 * n).squareRoot(), "mean of ln x")
        let variance = width * width / 12
        let mu4 = pow(width, 4) / 80
        assertWithinSigma(logs.variance, variance, sigma: ((mu4 - variance * variance) / n).squareRoot(), "variance of ln x")
        // E[x] = (b − a)/ln(b/a); Var from E[x²] = (b² − a²)/(2 ln(b/a)).
        let mean = (b - a) / width
        let second = (b * b - a * a) / (2 * width)
        assertWithinSigma(Moments(xs).mean, mean, sigma: ((second - mean * mean) / n).squareRoot(), "log-uniform mean")
        // Each decade gets a quarter of the draws.
        for decade in 0..<4 {
            let lo = a * pow(10, Double(decade)), hi = lo * 10
            let fraction = Double(xs.filter { $0 >= lo && $0 < hi }.count) / n
            assertWithinSigma(fraction, 0.25, sigma: (0.25 * 0.75 / n).squareRoot(), "decade \(decade)")
        }
    }

    func testChoiceFrequenciesMatchWeights() {
        let values: [Double] = [0, 1, 2.5, 7]
        let weights: [Double] = [1, 2, 3, 4]
        let xs = draws(.choice(values: values, weights: weights))
        XCTAssertTrue(xs.allSatisfy { values.contains($0) })
        let n = Double(xs.count)
        let total = weights.reduce(0, +)
        var chiSquare = 0.0
        for (value, weight) in zip(values, weights) {
            let observed = Double(xs.filter { $0 == value }.count)
            let expected = n * weight / total
            chiSquare += (observed - expected) * (observed - expected) / expected
            assertWithinSigma(observed / n, weight / total, sigma: (weight / total * (1 - weight / total) / n).squareRoot(),
                              "frequency of \(value)")
        }
        // χ² with 3 degrees of freedom: P(χ² > 27.9) ≈ 4e-6.
        XCTAssertLessThan(chiSquare, 27.9)
    }

    func testChoiceWithAZeroWeightNeverPicksIt() {
        let xs = draws(.choice(values: [1, 2, 3], weights: [0.5, 0, 0.5]), count: 5000)
        XCTAssertFalse(xs.contains(2))
        XCTAssertEqual(Set(xs), [1, 3])
    }

    func testDistributionIsCodable() throws {
        for d in Self.examples {
            let data = try JSONEncoder().encode(d)
            XCTAssertEqual(try JSONDecoder().decode(Distribution.self, from: data), d)
        }
    }
}
