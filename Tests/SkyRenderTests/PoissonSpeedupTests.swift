import Foundation
import SkyRender
import SkyScene
import XCTest

/// The lane Poisson sampler (`PoissonNoise.samples`) and the CCD path (`NoiseApplier`, whose counts come
/// from a sky table plus inversion for most pixels): exact Poisson moments and histograms, bit-identity with
/// the scalar references, determinism and independence from the rest of the image.
final class PoissonSpeedupTests: XCTestCase {
    let generator = Philox(seed: 0x5EED_1234_ABCD_0042)

    func key(sample: UInt32, band: UInt16 = 1) -> KeyedRandom {
        KeyedRandom(generator: generator, key: RandomKey(sample: sample, stream: RandomKey.stream("noise"), band: band))
    }

    /// The means of the task: both inversion, the PTRS boundary, moderate and large means.
    let means: [Double] = [0.5, 3, 11.9, 12, 30, 100, 150, 1000, 1e5]

    // MARK: statistics

    func poissonPMF(_ k: Int, _ lambda: Double) -> Double {
        exp(Double(k) * log(lambda) - lambda - lgamma(Double(k) + 1))
    }

    /// Upper (1 − p) quantile of χ² with `dof` degrees of freedom (Wilson–Hilferty), for p = 1e-6 (z = 4.753).
    func chiSquareLimit(dof: Int) -> Double {
        let d = Double(dof), z = 4.753
        let c = 1 - 2 / (9 * d) + z * (2 / (9 * d)).squareRoot()
        return d * c * c * c
    }

    /// What keeps counts from looking Poisson(λ) (empty if nothing): non-integer or negative counts, mean or
    /// variance off by more than 5σ, or χ² of the histogram (every k expected ≥ 20 times, plus both tails)
    /// above its p = 1e-6 quantile.
    func poissonProblems(_ x: [Double], _ lambda: Double) -> [String] {
        var problems: [String] = []
        let n = Double(x.count)
        if !x.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) { problems.append("counts are not non-negative integers") }
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        if abs(mean - lambda) >= 5 * (lambda / n).squareRoot() { problems.append("mean \(mean)") }
        if abs(variance - lambda) >= 5 * ((lambda + 2 * lambda * lambda) / n).squareRoot() {
            problems.append("variance \(variance)")
        }
        let spread = Int(12 * lambda.squareRoot() + 30)
        let ks = (max(0, Int(lambda) - spread)...(Int(lambda) + spread)).filter { n * poissonPMF($0, lambda) >= 20 }
        guard let lo = ks.first, let hi = ks.last else { return problems + ["no histogram bins"] }
        var observed = [Int](repeating: 0, count: hi - lo + 3)
        for v in x where v.isFinite { observed[min(max(Int(v) - lo + 1, 0), hi - lo + 2)] += 1 }
        var expected = [0.0] + (lo...hi).map { n * poissonPMF($0, lambda) } + [0.0]
        expected[0] = n * (0..<lo).reduce(0) { $0 + poissonPMF($1, lambda) }
        expected[expected.count - 1] = max(0, n - expected.reduce(0, +))
        var chi2 = 0.0, bins = 0
        for (o, e) in zip(observed, expected) where e > 0 {
            chi2 += (Double(o) - e) * (Double(o) - e) / e
            bins += 1
        }
        if chi2 >= chiSquareLimit(dof: bins - 1) { problems.append("χ² = \(chi2) with \(bins - 1) dof") }
        return problems
    }

    func assertPoisson(_ x: [Double], _ lambda: Double, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(poissonProblems(x, lambda), [], label, file: file, line: line)
    }

    // MARK: distribution

    func testLaneSamplerIsPoisson() {
        for (i, lambda) in means.enumerated() {
            let x = PoissonNoise.samples(lambdas: [Double](repeating: lambda, count: 200_000), random: key(sample: UInt32(200 + i)))
            assertPoisson(x, lambda, "samples λ = \(lambda)")
        }
    }

    /// CCD counts: readNoise 0, gain 1 and the sky kept, so each output is the Poisson count itself.
    func ccdCounts(signal: Float, sky: Double, count: Int, sample: UInt32) -> [Double] {
        NoiseApplier.apply(signal: [Float](repeating: signal, count: count), noise: .ccd(gain: 1, readNoise: 0),
                           skyElectrons: sky, gain: 1, subtractSky: false, random: key(sample: sample)).map { Double($0).rounded() }
    }

    func testCCDCountsArePoisson() {
        // The split path (sky table + inversion of δ) with δ = 0, tiny and moderate, and PTRS on sky + δ
        // (δ ≥ 12, or sky above the table limit).
        var sample: UInt32 = 300
        for sky in means + [60_000] {
            for signal: Float in [0, 0.001, 2.5, 20] {
                sample += 1
                let lambda = sky + Double(signal)
                assertPoisson(ccdCounts(signal: signal, sky: sky, count: 200_000, sample: sample), lambda,
                              "ccd sky = \(sky), signal = \(signal)")
            }
        }
    }

    func testCCDCountsWithoutSkyArePoisson() {
        for (i, signal) in [Float(0.5), 3, 11.9, 12, 30].enumerated() {
            assertPoisson(ccdCounts(signal: signal, sky: 0, count: 200_000, sample: UInt32(400 + i)), Double(signal),
                          "ccd sky = 0, signal = \(signal)")
        }
    }

    func testPoissonCheckCanFail() {
        // The check above is not vacuous: counts of λ = 100 fail it against Poisson(101) (mean and χ²), and
        // so do the same counts with every 5th moved by ±5 (same mean; variance and χ²).
        let x = PoissonNoise.samples(lambdas: [Double](repeating: 100, count: 200_000), random: key(sample: 500))
        XCTAssertEqual(poissonProblems(x, 100), [])
        let wrongMean = poissonProblems(x, 101)
        XCTAssertTrue(wrongMean.contains { $0.hasPrefix("mean") } && wrongMean.contains { $0.hasPrefix("χ²") }, "\(wrongMean)")
        let widened = x.enumerated().map { $0.offset % 5 == 0 ? $0.element + ($0.offset % 10 == 0 ? 5 : -5) : $0.element }
        let wider = poissonProblems(widened, 100)
        XCTAssertTrue(wider.contains { $0.hasPrefix("variance") } && wider.contains { $0.hasPrefix("χ²") }, "\(wider)")
    }

    // MARK: lanes = scalar reference

    func testLanesEqualScalarReferenceAcrossKinds() {
        // Every kind in one image: invalid, inversion, short PTRS around both limits, long PTRS, the largest λ.
        let random = key(sample: 600)
        let bases: [Double] = [0, 1e-9, 0.7, 11.999_999, 12, 13, 80, 1_048_575.9, 1_048_576, 5e6, 0x1p48, 7e3]
        var lambdas = (0..<3_001).map { bases[$0 % bases.count] * (1 + 0.003 * Double($0 % 11)) }
        lambdas[5] = .nan
        lambdas[6] = -0.5
        lambdas[7] = .infinity
        lambdas[8] = 0x1p48 * 1.001
        let x = PoissonNoise.samples(lambdas: lambdas, random: random)
        for p in 0..<lambdas.count {
            let reference = PoissonNoise.sample(lambda: lambdas[p], pixel: p, random: random)
            XCTAssertEqual(x[p].bitPattern, reference.bitPattern, "pixel \(p), λ = \(lambdas[p])")
        }
        for p in 5...8 { XCTAssertTrue(x[p].isNaN, "invalid λ gives NaN (pixel \(p))") }
    }

    func testCCDEqualsScalarReference() {
        // A galaxy-like image (wings, moderate and bright pixels, ringing below zero, a NaN) under skies on the
        // split path, at the table limit and above it; each count equals the per-pixel reference.
        let side = 48
        var signal = (0..<(side * side)).map { (p: Int) -> Float in
            let x = Double(p % side) - 20, y = Double(p / side) - 25
            return Float(3e-4 + 300 * exp(-(x * x + y * y) / 18) + 4 * exp(-(x * x + y * y) / 200))
        }
        signal[10] = -2e-6
        signal[11] = 0
        signal[12] = .nan
        signal[13] = 11.999
        signal[14] = 12
        for (i, sky) in [0, 0.25, 7, 100, 2_000, tableLimit, 70_000].enumerated() {
            let random = key(sample: UInt32(700 + i))
            let out = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 0), skyElectrons: sky, gain: 1,
                                         subtractSky: false, random: random)
            for p in 0..<signal.count {
                let reference = PoissonNoise.sample(signal: Double(signal[p]), sky: sky, pixel: p, random: random)
                if reference.isNaN {
                    XCTAssertTrue(out[p].isNaN, "sky \(sky), pixel \(p)")
                } else {
                    XCTAssertEqual(Double(out[p]).rounded(), reference, "sky \(sky), pixel \(p), signal \(signal[p])")
                }
            }
        }
    }

    /// The table limit (`PoissonTable.maxSky`), where the split path is still taken.
    let tableLimit = 65_536.0

    // MARK: determinism

    func testSameKeyGivesIdenticalBits() {
        let lambdas = (0..<5_000).map { Double($0 % 97) * 3.7 }
        let a = PoissonNoise.samples(lambdas: lambdas, random: key(sample: 800))
        let b = PoissonNoise.samples(lambdas: lambdas, random: key(sample: 800))
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
        let signal = (0..<5_000).map { Float($0 % 89) * 0.4 }
        let c = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1.3, readNoise: 4), skyElectrons: 80, gain: 1.3,
                                   subtractSky: true, random: key(sample: 801))
        let d = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1.3, readNoise: 4), skyElectrons: 80, gain: 1.3,
                                   subtractSky: true, random: key(sample: 801))
        XCTAssertEqual(c.map(\.bitPattern), d.map(\.bitPattern))
        let e = PoissonNoise.samples(lambdas: lambdas, random: key(sample: 802))
        XCTAssertLessThan(zip(a, e).filter { $0 == $1 }.count, 1_000, "another key gives other counts")
    }

    func testPixelAloneEqualsPixelInImage() {
        // A 1024 × 1024 image: every tested pixel's count is what the pixel alone gives, and its 64 × 64
        // prefix is the 64 × 64 image (with the same signal there).
        let side = 1024, count = side * side
        let signal = (0..<count).map { (p: Int) -> Float in
            let x = Double(p % side) - 300, y = Double(p / side) - 2
            return Float(1e-3 + 150 * exp(-(x * x + y * y) / 50))
        }
        for sky in [40.0, 80_000] {
            let random = key(sample: sky > 1_000 ? 901 : 900)
            let large = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 0), skyElectrons: sky, gain: 1,
                                           subtractSky: false, random: random)
            let small = NoiseApplier.apply(signal: Array(signal[0..<(64 * 64)]), noise: .ccd(gain: 1, readNoise: 0),
                                           skyElectrons: sky, gain: 1, subtractSky: false, random: random)
            XCTAssertEqual(Array(large[0..<(64 * 64)]).map(\.bitPattern), small.map(\.bitPattern), "sky \(sky)")
            for p in stride(from: 0, to: count, by: 4_099) + [count - 1, 300, 301, 302] {
                let alone = PoissonNoise.sample(signal: Double(signal[p]), sky: sky, pixel: p, random: random)
                XCTAssertEqual(Double(large[p]).rounded(), alone, "sky \(sky), pixel \(p)")
            }
        }
        let lambdas = (0..<count).map { Double($0 % 1_000) * 0.9 }
        let random = key(sample: 902)
        let x = PoissonNoise.samples(lambdas: lambdas, random: random)
        for p in stride(from: 7, to: count, by: 10_007) {
            XCTAssertEqual(x[p].bitPattern, PoissonNoise.sample(lambda: lambdas[p], pixel: p, random: random).bitPattern, "pixel \(p)")
        }
    }

    func testZeroNegativeAndInvalidSignal() {
        for sky in [0.0, 100, 70_000] {
            let signal: [Float] = [0, -0.0, -1e-7, -5, .nan, .infinity, 1e30]
            let out = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 0), skyElectrons: sky, gain: 1,
                                         subtractSky: true, random: key(sample: 1_000))
            let random = key(sample: 1_000)
            for p in 0..<4 {  // clamped to 0: Poisson(sky) − sky
                let count = PoissonNoise.sample(signal: 0, sky: sky, pixel: p, random: random)
                XCTAssertEqual(Double(out[p]), count - sky, accuracy: 1e-3 * max(1, sky), "sky \(sky), signal \(signal[p])")
                if sky == 0 { XCTAssertEqual(out[p], 0, "no sky, no signal: no counts") }
            }
            XCTAssertTrue(out[4].isNaN && out[5].isNaN && out[6].isNaN, "NaN, infinite and absurd signals give NaN (sky \(sky))")
        }
    }

    // MARK: informational

    /// INFORMATIONAL ONLY (nothing about speed is asserted): ns per pixel, median of repetitions, for CCD
    /// noise on 64×64 stamps (as the `noise-64` bench workload: blank signal, read noise 5, gain 1), for a
    /// stamp with a galaxy, and for bare Poisson draws at the same means. Meaningful only in a release build:
    /// `swift test -c release --filter PoissonSpeedupTests/testPrintPoissonRates`.
    func testPrintPoissonRates() {
        #if DEBUG
        let stamps = 2, reps = 1, build = "debug build, not representative"
        #else
        let stamps = 256, reps = 9, build = "release build"
        #endif
        let side = 64, pixels = side * side
        let generator = Philox(seed: 1)
        let stream = RandomKey.stream("noise")
        let clock = ContinuousClock()
        var sink = 0.0
        func median(_ body: () -> Void) -> Double {
            var times: [Double] = []
            for _ in 0..<reps {
                let t = clock.measure(body)
                times.append(Double(t.components.seconds) * 1e9 + Double(t.components.attoseconds) * 1e-9)
            }
            times.sort()
            return times[reps / 2] / Double(stamps * pixels)
        }
        let blank = [Float](repeating: 0, count: pixels)
        let galaxy = (0..<pixels).map { (p: Int) -> Float in
            let x = Double(p % side) - 31.5, y = Double(p / side) - 31.5
            return Float(1e-3 + 200 * exp(-(x * x + y * y) / 32))
        }
        func ccd(_ signal: [Float], sky: Double) -> Double {
            median {
                for i in 0..<stamps {
                    let random = KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(i), stream: stream))
                    sink += Double(NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 5), skyElectrons: sky,
                                                      gain: 1, subtractSky: true, random: random).last!)
                }
            }
        }
        var lines: [String] = []
        for sky in [0.5, 5, 30, 100, 150, 1000, 1e5] {
            let lambdas = [Double](repeating: sky, count: pixels)
            let poisson = median {
                for i in 0..<stamps {
                    let random = KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(i), stream: stream))
                    sink += PoissonNoise.samples(lambdas: lambdas, random: random).last!
                }
            }
            lines.append(String(format: "λ=%g ccd %.1f ccd+galaxy %.1f poisson %.1f", sky, ccd(blank, sky: sky),
                                ccd(galaxy, sky: sky), poisson))
        }
        let gaussian = median {
            for i in 0..<stamps {
                let random = KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(i), stream: stream))
                sink += Double(NoiseApplier.apply(signal: blank, noise: .gaussian(sigma: 5), skyElectrons: 100,
                                                  gain: 1, subtractSky: true, random: random).last!)
            }
        }
        lines.append(String(format: "gaussian %.1f", gaussian))
        print("[informational, \(build)] ns/pixel (median of \(reps), 64×64 stamps): \(lines.joined(separator: "; "))")
        XCTAssertTrue(sink.isFinite)
    }
}
