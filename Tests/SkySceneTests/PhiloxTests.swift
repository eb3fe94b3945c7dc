import Foundation
import XCTest
@testable import SkyScene

/// Philox4x32-10 against the Random123 known-answer vectors, stream tags, and the uniform mappings.
final class PhiloxTests: XCTestCase {
    typealias Block = (UInt32, UInt32, UInt32, UInt32)

    func assertBlock(_ actual: Block, _ expected: Block, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let a = [actual.0, actual.1, actual.2, actual.3], e = [expected.0, expected.1, expected.2, expected.3]
        XCTAssertEqual(a, e, "\(what): got \(a.map { String($0, radix: 16) }), expected \(e.map { String($0, radix: 16) })",
                       file: file, line: line)
    }

    /// Key words (k0, k1) as a seed: `Philox(seed:)` puts the low 32 bits in k0 and the high 32 bits in k1.
    func seed(_ k0: UInt32, _ k1: UInt32) -> UInt64 { UInt64(k1) << 32 | UInt64(k0) }

    // MARK: Random123 kat_vectors, philox4x32 with 10 rounds

    func testKnownAnswerZero() {
        assertBlock(Philox(seed: seed(0, 0)).block(0, 0, 0, 0), (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8), "zero counter, zero key")
    }

    func testKnownAnswerAllOnes() {
        let m = UInt32.max
        assertBlock(Philox(seed: seed(m, m)).block(m, m, m, m), (0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd), "all-ones counter and key")
    }

    func testKnownAnswerPi() {
        let generator = Philox(seed: seed(0xa409_3822, 0x299f_31d0))
        assertBlock(generator.block(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344),
                    (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1), "digits of π")
    }

    func testSeedSplitsIntoKeyWords() {
        let generator = Philox(seed: 0x299f_31d0_a409_3822)
        XCTAssertEqual(generator.key.0, 0xa409_3822)
        XCTAssertEqual(generator.key.1, 0x299f_31d0)
        XCTAssertEqual(Philox(seed: 5), Philox(seed: 5))
        XCTAssertNotEqual(Philox(seed: 5), Philox(seed: 5 << 32))
    }

    /// KeyedRandom's counter layout is (index, object | band << 16, stream, sample): the KAT vectors through it.
    func testKeyedRandomCounterLayout() {
        let zero = KeyedRandom(generator: Philox(seed: 0), key: RandomKey(sample: 0, stream: 0))
        assertBlock(zero.block(0), (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8), "KeyedRandom, all zero")
        let pi = KeyedRandom(generator: Philox(seed: 0x299f_31d0_a409_3822),
                             key: RandomKey(sample: 0x0370_7344, stream: 0x1319_8a2e, object: 0x08d3, band: 0x85a3))
        assertBlock(pi.block(0x243f_6a88), (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1), "KeyedRandom, π key")
    }

    func testEveryKeyComponentMovesTheDraw() {
        let generator = Philox(seed: 42)
        let base = RandomKey(sample: 3, stream: 7, object: 1, band: 2)
        let reference = KeyedRandom(generator: generator, key: base).uniform(0)
        var variants: [RandomKey] = []
        var k = base; k.sample += 1; variants.append(k)
        k = base; k.stream += 1; variants.append(k)
        k = base; k.object += 1; variants.append(k)
        k = base; k.band += 1; variants.append(k)
        for variant in variants {
            XCTAssertNotEqual(KeyedRandom(generator: generator, key: variant).uniform(0), reference, "\(variant)")
        }
        XCTAssertNotEqual(KeyedRandom(generator: generator, key: base).uniform(1), reference, "block index")
        XCTAssertNotEqual(KeyedRandom(generator: Philox(seed: 43), key: base).uniform(0), reference, "seed")
        XCTAssertEqual(KeyedRandom(generator: Philox(seed: 42), key: base).uniform(0), reference, "pure function")
    }

    // MARK: stream tags

    /// FNV-1a, 32 bits, written out from its definition: offset basis 2166136261, prime 16777619.
    func fnv1a32(_ text: String) -> UInt32 {
        var hash: UInt64 = 2_166_136_261
        for byte in Array(text.utf8) {
            hash = (hash ^ UInt64(byte)) * 16_777_619 % 4_294_967_296
        }
        return UInt32(hash)
    }

    func testStreamTagIsFNV1a() {
        // Published FNV-1a 32 test vectors.
        XCTAssertEqual(RandomKey.stream(""), 0x811c_9dc5)
        XCTAssertEqual(RandomKey.stream("a"), 0xe40c_292c)
        XCTAssertEqual(RandomKey.stream("foobar"), 0xbf9c_f968)
        // Tags the simulator uses, fixed forever: changing them would move every existing dataset's draws.
        XCTAssertEqual(RandomKey.stream("noise"), 0x9044_16d1)
        XCTAssertEqual(RandomKey.stream("split"), 0x87b8_2de3)
        XCTAssertEqual(RandomKey.stream("objects[0].n"), 0x70b6_11ff)
        for name in ["noise", "split", "objects[0].n", "objects[1].magnitude.g", "Sérsic", "objects[0].offset.x"] {
            XCTAssertEqual(RandomKey.stream(name), fnv1a32(name), name)
        }
        XCTAssertEqual(fnv1a32("noise"), 0x9044_16d1, "the hand-written FNV-1a agrees with the constant")
        XCTAssertNotEqual(RandomKey.stream("objects[0].offset.x"), RandomKey.stream("objects[0].offset.y"))
    }

    /// A tag continued from a prefix's tag is the tag of the whole name (SamplePlan hashes "objects[g]." once).
    func testStreamTagContinuesFromPrefix() {
        let prefix = RandomKey.stream("objects[2].")
        XCTAssertEqual(RandomKey.stream("n", after: prefix), RandomKey.stream("objects[2].n"))
        XCTAssertEqual(RandomKey.stream("offset.x@3", after: prefix), fnv1a32("objects[2].offset.x@3"))
        XCTAssertEqual(RandomKey.stream("", after: prefix), prefix)
        XCTAssertNotEqual(RandomKey.stream("n", after: prefix), RandomKey.stream("n"))
    }

    // MARK: uniforms

    func testUniformsAreInsideTheOpenUnitInterval() {
        let generator = Philox(seed: 20_261_122)
        var low = 1.0, high = 0.0, sum = 0.0
        let n = 50_000
        for i in 0..<n {
            let random = KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(i), stream: RandomKey.stream("u")))
            for index in 0..<2 as Range<UInt32> {
                let u = random.uniform(index)
                XCTAssertTrue(u > 0 && u < 1, "uniform \(u) at sample \(i)")
                low = min(low, u)
                high = max(high, u)
                sum += u
            }
        }
        XCTAssertLessThan(low, 1e-3)
        XCTAssertGreaterThan(high, 1 - 1e-3)
        let mean = sum / Double(2 * n)
        assertWithinSigma(mean, 0.5, sigma: (1.0 / 12 / Double(2 * n)).squareRoot(), "mean uniform")
    }

    func testUnitOpenExtremes() {
        XCTAssertGreaterThan(unitOpen(0), 0)
        XCTAssertLessThan(unitOpen(.max), 1)
        XCTAssertEqual(unitOpen(0), 0.5 / 4_294_967_296)
        XCTAssertGreaterThan(unitOpen53(0, 0), 0)
        XCTAssertLessThan(unitOpen53(0, 0), 1e-15)
        // All bits set: the largest value must still be below 1.
        XCTAssertLessThan(unitOpen53(.max, .max), 1, "unitOpen53(0xffffffff, 0xffffffff) must stay inside (0, 1)")
        XCTAssertLessThan(unitOpen53(.max, 0xffff_efff), 1)
        // The 52-bit mapping is monotone in (hi, lo >> 12).
        XCTAssertLessThan(unitOpen53(1, 0), unitOpen53(1, 0x1000))
        XCTAssertLessThan(unitOpen53(1, .max), unitOpen53(2, 0))
    }

    func testNormalDeviates() {
        let generator = Philox(seed: 7)
        let tag = RandomKey.stream("tests.normal")
        let xs = (0..<20_000).map { KeyedRandom(generator: generator, key: RandomKey(sample: UInt32($0), stream: tag)).normal(0) }
        XCTAssertTrue(xs.allSatisfy(\.isFinite))
        let m = Moments(xs)
        let n = Double(xs.count)
        assertWithinSigma(m.mean, 0, sigma: 1 / n.squareRoot(), "mean")
        assertWithinSigma(m.variance, 1, sigma: (2 / n).squareRoot(), "variance")
    }

    // MARK: normal quantile

    func testNormalQuantileKnownValues() {
        XCTAssertEqual(normalQuantile(0.5), 0, accuracy: 1e-15)
        XCTAssertEqual(normalQuantile(0.975), 1.959963984540054, accuracy: 1e-13)
        XCTAssertEqual(normalQuantile(0.025), -1.959963984540054, accuracy: 1e-13)
        XCTAssertEqual(normalQuantile(0.8413447460685429), 1, accuracy: 1e-12)
        XCTAssertEqual(normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-10)
        XCTAssertEqual(normalCDF(0), 0.5)
        XCTAssertEqual(normalCDF(1.959963984540054), 0.975, accuracy: 1e-15)
    }

    func testNormalQuantileInvertsTheCDF() {
        var x = -8.0
        while x <= 5 {
            XCTAssertEqual(normalQuantile(normalCDF(x)), x, accuracy: 1e-9 * max(1, abs(x)), "x = \(x)")
            x += 0.125
        }
    }
}
