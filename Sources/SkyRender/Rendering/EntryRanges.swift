/// The entries of a FourierPlan one object needs: those with |k| < kCut, where kCut (rad/arcsec) is the smallest
/// radius beyond which the object's transform bound × the plan's transfer envelope stays below
/// FourierPlan.negligible, so every skipped entry is as negligible as the ones the plan already drops.
/// A point source (no profile) keeps every entry.
struct EntryRanges {
    /// Half-open entry ranges, one per k_y row that reaches inside kCut.
    private(set) var ranges: [Range<Int>] = []

    init(plan: FourierPlan, profile: SersicProfile?) {
        let rows = plan.rowStart.count - 1
        guard let profile else {
            ranges = [0..<plan.count]
            return
        }
        let kCut = EntryRanges.cutoff(plan: plan, profile: profile)
        ranges.reserveCapacity(rows)
        let kCut2 = kCut * kCut
        for iy in 0..<rows {
            let first = Int(plan.rowStart[iy]), end = Int(plan.rowStart[iy + 1])
            guard first < end else { continue }
            let ky = plan.kyValues[Int(plan.kyIndex[first])]
            let room = kCut2 - ky * ky
            guard room > 0 else { continue }
            let kxMax = room.squareRoot()
            // Entries of a row are in increasing k_x: the kept ones (|k_x| < kxMax) are contiguous.
            let lower = EntryRanges.firstEntry(from: first, to: end, plan: plan) { $0 > -kxMax }
            let upper = EntryRanges.firstEntry(from: lower, to: end, plan: plan) { $0 >= kxMax }
            if lower < upper { ranges.append(lower..<upper) }
        }
    }

    /// Calls `body` with every kept entry index, row by row.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        for range in ranges {
            for e in range { body(e) }
        }
    }

    /// Number of kept entries.
    var count: Int { ranges.reduce(0) { $0 + $1.count } }

    /// The smallest multiple of dk beyond which bound(|k|) × envelope(|k|) < negligible, rad/arcsec.
    static func cutoff(plan: FourierPlan, profile: SersicProfile) -> Double {
        var bin = plan.transferEnvelope.count - 1
        while bin > 0 {
            let k = Double(bin - 1) * plan.dk
            if Double(plan.transferEnvelope[bin - 1]) * profile.fourierBound(beyond: k) >= FourierPlan.negligible { break }
            bin -= 1
        }
        return Double(bin) * plan.dk
    }

    /// The first entry in [from, to) whose k_x satisfies `isPast` (which must be false then true along the row).
    private static func firstEntry(from: Int, to: Int, plan: FourierPlan, where isPast: (Double) -> Bool) -> Int {
        var low = from, high = to
        while low < high {
            let mid = (low + high) / 2
            if isPast(plan.kxValues[Int(plan.kxIndex[mid])]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
