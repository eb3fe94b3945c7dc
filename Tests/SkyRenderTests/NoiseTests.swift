import Foundation
import SkyRender
import SkyScene
import XCTest

/// Noise models: sampler moments and shapes within stated sigmas, exact noiseless values, determinism.
final class NoiseTests: XCTestCase {
    let generator = Philox(seed: 0x5EED_1234_ABCD_0042)

    func key(sample: UInt32 = 7, band: UInt16 = 1) -> KeyedRandom {
        KeyedRandom(generator: generator, key: RandomKey(sample: sample, stream: RandomKey.stream("noise"), band: band))
    }

    /// A BandSpec through its Codable form (its memberwise initialiser is internal to SkyScene).
    func band(sky: Double, noise: String, gain: Double, subtractSky: Bool) throws -> BandSpec {
        let json = """
        {"name":"r","zeroPoint":30,"exposureTime":1,"skyElectrons":\(sky),"psf":{"gaussian":{"fwhm":0.7}},\
        "noise":\(noise),"gain":\(gain),"subtractSky":\(subtractSky)}
        """
        return try JSONDecoder().decode(BandSpec.self, from: Data(json.utf8))
    }

    func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        return (mean, variance)
    }

    /// Chi-square of observed counts against expected counts.
    func chiSquare(_ observed: [Int], _ expected: [Double]) -> Double {
        zip(observed, expected).reduce(0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) / $1.1 }
    }

    func standardNormalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    // MARK: Gaussian sampler

    func testGaussianMomentsAndTails() {
        let n = 400_000
        let x = GaussianNoise.normals(count: n, random: key()).map(Double.init)
        let (mean, variance) = moments(x)
        let count = Double(n)
        XCTAssertLessThan(abs(mean), 5 / count.squareRoot(), "mean \(mean)")
        XCTAssertLessThan(abs(variance - 1), 5 * (2 / count).squareRoot(), "variance \(variance)")
        let p3 = 2 * standardNormalCDF(-3)
        let beyond3 = Double(x.filter { abs($0) > 3 }.count) / count
        XCTAssertLessThan(abs(beyond3 - p3), 5 * (p3 * (1 - p3) / count).squareRoot(), "P(|x| > 3) = \(beyond3)")
        XCTAssertLessThanOrEqual(x.map(abs).max()!, 6.67, "Box–Muller on 31-bit uniforms cannot exceed 6.66")
    }

    func testGaussianHistogramMatchesNormal() {
        let n = 300_000
        let x = GaussianNoise.normals(count: n, random: key(sample: 3)).map(Double.init)
        let edges = stride(from: -3.0, through: 3.0, by: 0.25).map { $0 }
        var observed = [Int](repeating: 0, count: edges.count + 1)
        for v in x { observed[edges.firstIndex { v < $0 } ?? edges.count] += 1 }
        let cdf = [0.0] + edges.map(standardNormalCDF) + [1.0]
        let expected = (0..<observed.count).map { Double(n) * (cdf[$0 + 1] - cdf[$0]) }
        let dof = Double(observed.count - 1)
        XCTAssertLessThan(chiSquare(observed, expected), dof + 5 * (2 * dof).squareRoot())
    }

    func testBoxMullerPairsFollowTheirWords() {
        // Pixel p is normal j of block q (NoiseCounter.gaussianSlot): (r cos θ, r sin θ) of word pair j / 2,
        // with r² = −2 ln u from the first word's top 31 bits and θ = 2π w / 2^32 from the second.
        let random = key(sample: 11)
        let x = GaussianNoise.normals(count: 40_000, random: random)
        var slots = Set<Int>()
        for p in 0..<x.count {
            let (q, j) = NoiseCounter.gaussianSlot(pixel: p)
            slots.insert(4 * q + j)
            let w = random.block(NoiseCounter.gaussian(block: q))
            let words = j < 2 ? (w.0, w.1) : (w.2, w.3)
            let r = (-2 * log((Double(words.0 >> 1) + 0.5) / 2_147_483_648)).squareRoot()
            let angle = 2 * Double.pi * Double(words.1) / 4_294_967_296
            let expected = j % 2 == 0 ? r * cos(angle) : r * sin(angle)
            XCTAssertEqual(Double(x[p]), expected, accuracy: 2e-6 * max(1, r), "pixel \(p)")
        }
        XCTAssertEqual(slots.count, x.count, "every pixel has its own (block, normal)")
    }

    func testLaneNormalsEqualScalarReference() {
        let random = key(sample: 5)
        let x = GaussianNoise.normals(count: 1_003, random: random)
        for p in 0..<x.count {
            XCTAssertEqual(x[p].bitPattern, GaussianNoise.normal(pixel: p, random: random).bitPattern, "pixel \(p)")
        }
    }

    // MARK: Poisson sampler

    func poissonPMF(_ k: Int, _ lambda: Double) -> Double {
        exp(Double(k) * log(lambda) - lambda - lgamma(Double(k) + 1))
    }

    func testPoissonMomentsAcrossBothMethods() {
        let n = 200_000
        for (i, lambda) in [0.5, 3, 11.9, 12.1, 40, 100, 1e4, 1e6, 2e6, 3e13].enumerated() {
            let x = PoissonNoise.samples(lambdas: [Double](repeating: lambda, count: n), random: key(sample: UInt32(100 + i)))
            XCTAssertTrue(x.allSatisfy { $0 >= 0 && $0 == $0.rounded() }, "λ = \(lambda): counts are non-negative integers")
            let (mean, variance) = moments(x)
            let count = Double(n)
            XCTAssertLessThan(abs(mean - lambda), 5 * (lambda / count).squareRoot(), "λ = \(lambda): mean \(mean)")
            let varianceError = ((lambda + 2 * lambda * lambda) / count).squareRoot()
            XCTAssertLessThan(abs(variance - lambda), 5 * varianceError, "λ = \(lambda): variance \(variance)")
        }
    }

    func testPoissonHistogramSmallMean() {
        // λ = 3 (inversion): k = 0…8 and a 9+ bin against the pmf; chi-square with 9 dof, bound ≈ p 4e-4.
        let n = 200_000, lambda = 3.0
        let x = PoissonNoise.samples(lambdas: [Double](repeating: lambda, count: n), random: key(sample: 21))
        var observed = [Int](repeating: 0, count: 10)
        for v in x { observed[min(Int(v), 9)] += 1 }
        var expected = (0...8).map { Double(n) * poissonPMF($0, lambda) }
        expected.append(Double(n) - expected.reduce(0, +))
        XCTAssertLessThan(chiSquare(observed, expected), 9 + 5 * 18.0.squareRoot(), "\(observed)")
    }

    func testPoissonHistogramRejectionMethod() {
        // PTRS (λ ≥ 12): every k whose expected count is ≥ 20, plus both tails, against the pmf.
        let n = 200_000
        for (i, lambda) in [12.1, 40.0, 1e4].enumerated() {
            let x = PoissonNoise.samples(lambdas: [Double](repeating: lambda, count: n), random: key(sample: UInt32(31 + i)))
            let ks = (0...Int(3 * lambda + 100)).filter { Double(n) * poissonPMF($0, lambda) >= 20 }
            let lo = ks.first!, hi = ks.last!
            var observed = [Int](repeating: 0, count: hi - lo + 3)
            for v in x { observed[min(max(Int(v) - lo + 1, 0), hi - lo + 2)] += 1 }
            var expected = [0.0] + (lo...hi).map { Double(n) * poissonPMF($0, lambda) } + [0.0]
            expected[0] = Double(n) * (0..<lo).reduce(0) { $0 + poissonPMF($1, lambda) }
            expected[expected.count - 1] = Double(n) - expected.reduce(0, +)
            let dof = Double(observed.count - 1)
            XCTAssertLessThan(chiSquare(observed, expected), dof + 5 * (2 * dof).squareRoot(), "λ = \(lambda)")
        }
    }

    func testLanePoissonEqualsScalarReference() {
        // Chunks mix inversion, PTRS (squeezed, density-tested, retried) and invalid means.
        let random = key(sample: 9)
        let bases: [Double] = [0, 0.3, 5, 11.999, 12, 12.5, 60, 3e3, 2e6, 3e13]
        var lambdas: [Double] = (0..<2_001).map { (p: Int) -> Double in
            let stretch: Double = 1 + 0.01 * Double(p % 7)
            return bases[p % 10] * stretch
        }
        lambdas[77] = .nan
        lambdas[78] = -1
        lambdas[79] = 1e300
        let x = PoissonNoise.samples(lambdas: lambdas, random: random)
        for p in 0..<lambdas.count {
            let reference = PoissonNoise.sample(lambda: lambdas[p], pixel: p, random: random)
            XCTAssertEqual(x[p].bitPattern, reference.bitPattern, "pixel \(p), λ = \(lambdas[p])")
        }
        XCTAssertTrue(x[77].isNaN && x[78].isNaN && x[79].isNaN, "invalid means give NaN")
        XCTAssertEqual(x[0], 0, "λ = 0 gives 0")
    }

    func testCounterLayoutKeepsPixelsApart() {
        XCTAssertEqual(NoiseCounter.gaussian(block: 5), 5)
        XCTAssertEqual(NoiseCounter.poissonFirst(block: 5), 1 << 24 | 5)
        XCTAssertEqual(NoiseCounter.poissonRetry(try: NoiseCounter.maxShortTry, pixel: (1 << 24) - 1, long: false).c0, UInt32.max)
        XCTAssertEqual(NoiseCounter.poissonRetry(try: NoiseCounter.maxLongTry, pixel: (1 << 24) - 1, long: true).c0, UInt32.max)
        // Every (counter, half) a pixel may read belongs to that pixel alone: first draws, short tries 1…6
        // and long tries 0…5 of 512 pixels, and the Gaussian blocks, never meet.
        var seen = Set<UInt64>()
        var reads = 0
        func read(_ c0: UInt32, _ half: Int?) {
            for h in half.map({ [$0] }) ?? [0, 1] {
                seen.insert(UInt64(c0) << 1 | UInt64(h))
                reads += 1
            }
        }
        for p in 0..<512 {
            let first = NoiseCounter.poissonFirstSlot(pixel: p)
            read(NoiseCounter.poissonFirst(block: first.block), first.half)
            for t in 1...6 {
                let slot = NoiseCounter.poissonRetry(try: t, pixel: p, long: false)
                read(slot.c0, slot.half)
            }
        }
        for p in 512..<1024 {  // long-try pixels (they never read a first-draw half)
            for t in 0...5 {
                let slot = NoiseCounter.poissonRetry(try: t, pixel: p, long: true)
                XCTAssertNil(slot.half)
                read(slot.c0, slot.half)
            }
        }
        for q in 0..<128 { read(NoiseCounter.gaussian(block: q), nil) }
        XCTAssertEqual(seen.count, reads, "no (block, half) is read twice")
        // Pixels p and p + 64 of a 128-pixel chunk share a first-draw block, one half each.
        XCTAssertEqual(NoiseCounter.poissonFirstSlot(pixel: 130).block, NoiseCounter.poissonFirstSlot(pixel: 194).block)
        XCTAssertEqual(NoiseCounter.poissonFirstSlot(pixel: 130).half, 0)
        XCTAssertEqual(NoiseCounter.poissonFirstSlot(pixel: 194).half, 1)
    }

    // MARK: apply

    func testCCDFlatImageMeanAndVariance() throws {
        // signal 50 e⁻, sky 100 e⁻, gain 2, read noise 5 e⁻, sky subtracted: mean 25 ADU, variance (150 + 25)/4.
        let n = 512 * 512
        let spec = try band(sky: 100, noise: #"{"ccd":{"gain":2,"readNoise":5}}"#, gain: 2, subtractSky: true)
        let out = NoiseApplier.apply(signal: [Float](repeating: 50, count: n), band: spec, random: key()).map(Double.init)
        let (mean, variance) = moments(out)
        let count = Double(n), varianceElectrons = 175.0
        XCTAssertLessThan(abs(mean - 25), 5 * (varianceElectrons / 4 / count).squareRoot(), "mean \(mean)")
        // Var(s²) = (2σ⁴ + κ4)/N, κ4 = 150 from the Poisson part; in ADU divide by gain⁴.
        let varianceError = ((2 * varianceElectrons * varianceElectrons + 150) / count).squareRoot() / 4
        XCTAssertLessThan(abs(variance - varianceElectrons / 4), 5 * varianceError, "variance \(variance)")
    }

    func testGaussianNoiseApply() throws {
        let n = 256 * 256
        let spec = try band(sky: 30, noise: #"{"gaussian":{"sigma":1.5}}"#, gain: 3, subtractSky: false)
        let out = NoiseApplier.apply(signal: [Float](repeating: 60, count: n), band: spec, random: key()).map(Double.init)
        let (mean, variance) = moments(out)
        XCTAssertLessThan(abs(mean - 30), 5 * 1.5 / Double(n).squareRoot(), "mean \(mean)")
        XCTAssertLessThan(abs(variance - 2.25), 5 * 2.25 * (2 / Double(n)).squareRoot(), "variance \(variance)")
    }

    func testNoNoiseGivesExactValues() throws {
        let signal = (0..<1000).map { Float($0) * 0.37 - 5 }
        for subtract in [true, false] {
            let spec = try band(sky: 123.5, noise: #"{"none":{}}"#, gain: 2.5, subtractSky: subtract)
            let out = NoiseApplier.apply(signal: signal, band: spec, random: key())
            for (s, o) in zip(signal, out) {
                XCTAssertEqual(o, Float((Double(s) + (subtract ? 0 : 123.5)) / 2.5))
            }
        }
    }

    func testNegativeRingingIsClampedBeforePoisson() {
        let signal = [Float](repeating: -1e-7, count: 100)
        let out = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 0), skyElectrons: 0, gain: 1,
                                     subtractSky: true, random: key())
        XCTAssertEqual(out, [Float](repeating: 0, count: 100))
    }

    func testDeterministicAndKeyed() throws {
        let spec = try band(sky: 100, noise: #"{"ccd":{"gain":2,"readNoise":5}}"#, gain: 2, subtractSky: true)
        let signal = (0..<4096).map { Float(($0 * 37) % 500) }
        let a = NoiseApplier.apply(signal: signal, band: spec, random: key(band: 1))
        XCTAssertEqual(a, NoiseApplier.apply(signal: signal, band: spec, random: key(band: 1)))
        let otherBand = NoiseApplier.apply(signal: signal, band: spec, random: key(band: 2))
        let otherSample = NoiseApplier.apply(signal: signal, band: spec, random: key(sample: 8, band: 1))
        XCTAssertLessThan(zip(a, otherBand).filter { $0 == $1 }.count, 400, "another band key gives other noise")
        XCTAssertLessThan(zip(a, otherSample).filter { $0 == $1 }.count, 400, "another sample gives other noise")
    }

    func testPixelNoiseDoesNotDependOnImageSize() {
        // Counters follow the linear pixel index, so a smaller image is a prefix of a larger one.
        let models: [NoiseDescription] = [.gaussian(sigma: 2), .ccd(gain: 1.5, readNoise: 4)]
        for noise in models {
            let large = (0..<(64 * 64)).map { Float(($0 * 13) % 97) + 0.5 }
            for small in [32 * 32, 37 * 29, 1] {
                let a = NoiseApplier.apply(signal: large, noise: noise, skyElectrons: 20, gain: 1.5, subtractSky: true, random: key())
                let b = NoiseApplier.apply(signal: Array(large[0..<small]), noise: noise, skyElectrons: 20, gain: 1.5,
                                           subtractSky: true, random: key())
                XCTAssertEqual(Array(a[0..<small]), b, "\(noise), \(small) pixels")
            }
        }
    }

    func testNoiseStreamIsPinned() {
        // The noise of a fixed key is part of every dataset's reproducibility: this checksum (the same in
        // debug and release builds) changes only if the samplers or the counter layout change, which must
        // be a deliberate, documented decision. (Changed with the lane PTRS, the split CCD path and the
        // NoiseCounter layout of tags 1…255; the Gaussian part is unchanged.)
        let random = KeyedRandom(generator: generator, key: RandomKey(sample: 7, stream: RandomKey.stream("noise"), band: 1))
        let signal = (0..<4096).map { Float(($0 * 37) % 500) - 3 }
        let ccd = NoiseApplier.apply(signal: signal, noise: .ccd(gain: 2, readNoise: 5), skyElectrons: 8, gain: 2,
                                     subtractSky: true, random: random)
        let gaussian = NoiseApplier.apply(signal: signal, noise: .gaussian(sigma: 1.5), skyElectrons: 8, gain: 2,
                                          subtractSky: false, random: random)
        var hash: UInt64 = 1_469_598_103_934_665_603
        for v in ccd + gaussian { hash = (hash ^ UInt64(v.bitPattern)) &* 1_099_511_628_211 }
        XCTAssertEqual(hash, 6_087_958_860_553_000_794)
        XCTAssertEqual(ccd[0..<4].map(\.bitPattern), [1_089_261_342, 1_100_852_448, 1_107_407_348, 1_113_069_790])
    }

    // MARK: informational

    /// INFORMATIONAL ONLY (nothing about speed is asserted): prints ns per pixel, best of 3.
    /// Meaningful only in a release build: `swift test -c release --filter NoiseTests/testPrintNoiseRate`.
    func testPrintNoiseRate() throws {
        #if DEBUG
        let n = 1 << 16, build = "debug build, not representative"
        #else
        let n = 1 << 20, build = "release build"
        #endif
        let clock = ContinuousClock()
        var sink = 0.0
        func nsPerPixel(_ body: () -> Double) -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let t = clock.measure { sink += body() }
                best = min(best, Double(t.components.seconds) * 1e9 + Double(t.components.attoseconds) * 1e-9)
            }
            return best / Double(n)
        }
        let random = key()
        let flat = [Float](repeating: 50, count: n), faint = [Float](repeating: 2, count: n)
        func apply(_ signal: [Float], _ noise: NoiseDescription, sky: Double) -> Double {
            Double(NoiseApplier.apply(signal: signal, noise: noise, skyElectrons: sky, gain: 2, subtractSky: true, random: random).last!)
        }
        let rates: [(String, Double)] = [
            ("normals", nsPerPixel { Double(GaussianNoise.normals(count: n, random: random).last!) }),
            ("gaussian apply", nsPerPixel { apply(flat, .gaussian(sigma: 2), sky: 100) }),
            ("poisson λ=5", nsPerPixel { PoissonNoise.samples(lambdas: [Double](repeating: 5, count: n), random: random).last! }),
            ("poisson λ=150", nsPerPixel { PoissonNoise.samples(lambdas: [Double](repeating: 150, count: n), random: random).last! }),
            ("poisson λ=1e4", nsPerPixel { PoissonNoise.samples(lambdas: [Double](repeating: 1e4, count: n), random: random).last! }),
            ("ccd apply λ=150 (PTRS: signal ≥ 12)", nsPerPixel { apply(flat, .ccd(gain: 2, readNoise: 5), sky: 100) }),
            ("ccd apply λ=5 (sky table + inversion)", nsPerPixel { apply(faint, .ccd(gain: 2, readNoise: 5), sky: 3) }),
        ]
        let table = rates.map { String(format: "%@ %.1f", $0.0, $0.1) }.joined(separator: ", ")
        print("[informational, \(build)] noise ns/pixel: \(table)")
        XCTAssertTrue(sink.isFinite)
    }
}
