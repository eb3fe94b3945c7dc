import SkyScene
import XCTest
@testable import SkyRender

/// The lane Philox against the scalar block, word for word: fills of consecutive and of arbitrary counters
/// (32 at a time in the AVX-512 build, else 8), and the four-group pass itself, whichever build runs it.
final class PhiloxLanesTests: XCTestCase {
    let random = KeyedRandom(generator: Philox(seed: 0xC0FF_EE00_1234_5678),
                             key: RandomKey(sample: 31, stream: RandomKey.stream("noise"), object: 5, band: 3))

    /// Checks that a[l], b[l] hold block counters[l] packed as first << 32 | second words.
    func assertPacked(_ a: [UInt64], _ b: [UInt64], counters: [UInt32], file: StaticString = #filePath, line: UInt = #line) {
        for (l, c0) in counters.enumerated() {
            let w = random.block(c0)
            XCTAssertEqual(a[l], UInt64(w.0) << 32 | UInt64(w.1), "block \(l) (counter \(c0)), words 0–1", file: file, line: line)
            XCTAssertEqual(b[l], UInt64(w.2) << 32 | UInt64(w.3), "block \(l) (counter \(c0)), words 2–3", file: file, line: line)
        }
    }

    func testConsecutiveCountersMatchTheScalarBlocks() {
        let lanes = PhiloxLanes(random)
        for count in [8, 32, 40, 64, 96, 120] {  // tail only, one four-group, four-groups plus tails
            for first: UInt32 in [0, 1 << 24 | 4096, UInt32.max - 50] {  // (the last wraps around 2^32)
                var a = [UInt64](repeating: 0, count: count), b = a
                a.withUnsafeMutableBufferPointer { a in
                    b.withUnsafeMutableBufferPointer { b in
                        lanes.fill(first: first, count: count, a: a.baseAddress!, b: b.baseAddress!)
                    }
                }
                assertPacked(a, b, counters: (0..<count).map { first &+ UInt32($0) })
            }
        }
    }

    func testFourGroupsMatchTheScalarBlocks() {
        let lanes = PhiloxLanes(random)
        var counters = [UInt32](repeating: 0, count: 32)
        for (l, c) in [UInt32](0..<16).enumerated() { counters[l] = 1 << 24 | 77 + c }
        for l in 16..<32 { counters[l] = UInt32.max - UInt32(l) * 1_000_003 }  // (groups need not be consecutive)
        func group(_ j: Int) -> Words8 {
            var v = Words8()
            for l in 0..<8 { v[l] = UInt64(counters[8 * j + l]) }
            return v
        }
        var a = [UInt64](repeating: 0, count: 32), b = a
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                lanes.storeFour((group(0), group(1), group(2), group(3)), a: a.baseAddress!, b: b.baseAddress!)
            }
        }
        assertPacked(a, b, counters: counters)
    }

    func testArbitraryCountersMatchTheScalarBlocks() {
        let lanes = PhiloxLanes(random)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for count in [8, 32, 48, 72] {
            let counters: [UInt32] = (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt32(truncatingIfNeeded: state >> 29)
            }
            var a = [UInt64](repeating: 0, count: count), b = a
            let wide = counters.map(UInt64.init)
            wide.withUnsafeBufferPointer { c in
                a.withUnsafeMutableBufferPointer { a in
                    b.withUnsafeMutableBufferPointer { b in
                        lanes.fill(counters: c.baseAddress!, count: count, a: a.baseAddress!, b: b.baseAddress!)
                    }
                }
            }
            assertPacked(a, b, counters: counters)
        }
    }
}
