import Synchronization

/// Poisson(sky) by inversion of one 32-bit word through a table: the sky part of the CCD split path
/// (`PoissonBatch`), where a pixel's count is Poisson(sky) + Poisson(signal), which is Poisson(sky + signal)
/// exactly (a sum of independent Poisson variables).
///
/// The table holds integer thresholds T[i] = round(F(first + i) · 2^32) of the CDF F, for every k whose
/// pmf is at least 2^-64 of the mode's (the rest, below 1e-19 in all, goes to the end entries); the last
/// is 2^32. Word w gives the smallest k with w < T[k − first], so P(k) = (T[i] − T[i−1]) / 2^32: Poisson
/// to within 2^-32 per k, like the 32-bit uniforms of PTRS. A guide table (2–4 cells per entry, one per
/// 2^shift words) brackets the answer; each cell is one packed word, so a lookup is one load. Everything is
/// a pure function of sky, in a fixed order of operations, so every platform and thread builds the same table.
struct PoissonTable: Sendable {
    /// Largest sky (electrons per pixel) that gets a table (~4,800 entries, ~100 kB); above it every pixel
    /// goes by PTRS on sky + signal. A constant, so the method never depends on the image.
    static let maxSky = 65_536.0

    /// The mean.
    let sky: Double
    /// Smallest count in the table.
    let first: Int
    /// Thresholds T[i] for count first + i; the last is 2^32.
    let thresholds: [UInt64]
    /// Per guide cell j < 2^(32 − shift): start << 34 | crowded << 33 | T[start], with start = the smallest i
    /// with T[i] > j << shift (so T[start] < 2^33) and crowded = 1 where the cell's answers span more than
    /// start and start + 1 (the next cell's start exceeds start + 1).
    let cells: [UInt64]
    let shift: UInt64

    /// The table of Poisson(sky), 0 ≤ sky ≤ maxSky.
    init(sky: Double) {
        precondition(sky >= 0 && sky <= Self.maxSky, "sky must be in 0…\(Self.maxSky) for a table")
        self.sky = sky
        let mode = Int(sky)  // ⌊sky⌋, a mode of Poisson(sky)
        var below: [Double] = [], above: [Double] = []  // pmf / pmf(mode)
        var w = 1.0
        var k = mode
        while k > 0 {
            w = w * Double(k) / sky
            if w < 0x1p-64 { break }
            below.append(w)
            k -= 1
        }
        w = 1
        k = mode
        while true {
            w = w * sky / Double(k + 1)
            if w < 0x1p-64 { break }
            above.append(w)
            k += 1
        }
        let weights = below.reversed() + [1] + above
        first = mode - below.count
        var total = 0.0
        for x in weights { total += x }
        var cumulative = 0.0
        var thresholds = [UInt64](repeating: 0, count: weights.count)
        for (i, x) in weights.enumerated() {
            cumulative += x
            thresholds[i] = UInt64(min((cumulative / total * 0x1p32).rounded(), 0x1p32))
        }
        thresholds[weights.count - 1] = 1 << 32
        self.thresholds = thresholds
        var bits = 1  // ≥ 2 guide cells per entry
        while 1 << bits < 2 * weights.count { bits += 1 }
        shift = UInt64(32 - bits)
        var starts = [Int](repeating: weights.count - 1, count: (1 << bits) + 1)  // (the last: a sentinel)
        var i = 0
        for j in 0..<(1 << bits) {
            while thresholds[i] <= UInt64(j) << shift { i += 1 }
            starts[j] = i
        }
        cells = (0..<(1 << bits)).map { j in
            let start = starts[j], crowded: UInt64 = starts[j + 1] - start > 1 ? 1 : 0
            return UInt64(start) << 34 | crowded << 33 | thresholds[start]
        }
    }

    /// Tables of the last few skies: a run draws every sample of a band with the same sky, and building a
    /// table costs O(√sky) (~1 µs at sky 100, ~50 µs at 65,536: much more than a small stamp's pixels).
    /// Only speed depends on this cache, never a value.
    private static let recent = Mutex<[PoissonTable]>([])

    /// The table of Poisson(sky), from the cache if it is there.
    static func cached(sky: Double) -> PoissonTable {
        if let table = recent.withLock({ $0.first { $0.sky.bitPattern == sky.bitPattern } }) { return table }
        let table = PoissonTable(sky: sky)
        recent.withLock { tables in
            tables.removeAll { $0.sky.bitPattern == sky.bitPattern }
            tables.append(table)
            if tables.count > 8 { tables.removeFirst() }
        }
        return table
    }

    /// The count of word w (scalar reference).
    func sample(word w: UInt32) -> Double {
        var i = Int(cells[Int(UInt64(w) &>> shift)] >> 34)
        while thresholds[i] <= UInt64(w) { i += 1 }
        return Double(first + i)
    }

    /// out[l] = the count of the first word of half[l] (packed first << 32 | second) for l < count, with no
    /// branch per lane: the answer is start or start + 1 of the word's guide cell unless the cell is crowded
    /// (in the tails: 0.7–1.6 % of words for skies of 1 to 65 536), and those lanes, listed in `slow`, are
    /// searched one by one. (The compiler keeps this loop scalar, even writing to a stack buffer: one packed
    /// load per word instead of three is what made it faster.)
    func samples(count: Int, half: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<Double>,
                 slow: UnsafeMutablePointer<Int64>) {
        cells.withUnsafeBufferPointer { cells in
            let cells = cells.baseAddress!, shift = shift &+ 32, first = Double(first)
            var slowCount = 0
            for l in 0..<count {
                let w = half[l] &>> 32
                let cell = cells[Int(truncatingIfNeeded: half[l] &>> shift)]
                let i = (cell &>> 34) &+ (cell & 0x1_FFFF_FFFF <= w ? 1 : 0)
                out[l] = first + Double(Int32(truncatingIfNeeded: i))
                slow[slowCount] = Int64(l)
                slowCount &+= Int(truncatingIfNeeded: (cell &>> 33) & 1)
            }
            for entry in 0..<slowCount {
                let l = Int(truncatingIfNeeded: slow[entry])
                out[l] = sample(word: UInt32(truncatingIfNeeded: half[l] >> 32))
            }
        }
    }
}
