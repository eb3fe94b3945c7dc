import XCTest
@testable import SkyRender

/// The sky table's packed guide cells: every lookup (scalar and batch) gives the smallest k with w < T[k − first],
/// found here by a plain binary search of the thresholds, including words in the tails' crowded cells.
final class PoissonTableTests: XCTestCase {
    /// Smallest k with w < T[k − first], by binary search (the definition the table must meet).
    func count(of w: UInt32, in table: PoissonTable) -> Double {
        var low = 0, high = table.thresholds.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table.thresholds[mid] > UInt64(w) { high = mid } else { low = mid + 1 }
        }
        return Double(table.first + low)
    }

    /// Words on every threshold and either side of it, at every guide cell's edges, and pseudo-random ones.
    func words(for table: PoissonTable) -> [UInt32] {
        var words: [UInt32] = [0, 1, UInt32.max - 1, UInt32.max]
        for t in table.thresholds where t < 1 << 32 {
            words += [UInt32(t), UInt32(t) &- 1, UInt32(t) &+ 1]
        }
        for j in 0..<table.cells.count {
            let edge = UInt64(j) << table.shift
            words += [UInt32(truncatingIfNeeded: edge), UInt32(truncatingIfNeeded: edge &- 1)]
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append(UInt32(truncatingIfNeeded: state >> 32))
        }
        return words
    }

    func testLookupsFindTheSmallestCountAboveTheWord() {
        for sky in [0.0, 0.3, 1, 11.5, 100, 1234.5, PoissonTable.maxSky] {
            let table = PoissonTable(sky: sky)
            let words = words(for: table)
            var crowded = 0
            for w in words {
                let cell = table.cells[Int(UInt64(w) >> table.shift)]
                crowded += Int((cell >> 33) & 1)
                XCTAssertEqual(table.sample(word: w), count(of: w, in: table), "sky \(sky), word \(w)")
            }
            if sky >= 1 { XCTAssertGreaterThan(crowded, 0, "sky \(sky): the words must reach crowded cells") }
            for start in stride(from: 0, to: words.count, by: PoissonBatch.pixels) {
                let n = min(PoissonBatch.pixels, words.count - start)
                let half = (0..<n).map { UInt64(words[start + $0]) << 32 | 0xDEAD_BEEF }
                var out = [Double](repeating: -1, count: n)
                var slow = [Int64](repeating: 0, count: n)
                table.samples(count: n, half: half, into: &out, slow: &slow)
                for l in 0..<n where out[l] != count(of: words[start + l], in: table) {
                    XCTFail("sky \(sky), batch lane \(l), word \(words[start + l]): \(out[l])")
                }
            }
        }
    }
}
