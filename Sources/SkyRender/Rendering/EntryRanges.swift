/// The entries of a FourierPlan one object needs: those with |k| < kCut, where kCut (rad/arcsec) is the smallest
/// radius beyond which the object's transform bound × the plan's transfer envelope stays below
/// FourierPlan.negligible, so every skipped entry is as negligible as the ones the plan already drops.
/// A point source (no profile) keeps every entry.
struct EntryRanges {
    /// The kept entries as runs (whole or sliced plan runs), row by row.
    private(set) var runs: [EntryRun] = []

    init(plan: FourierPlan, profile: SersicProfile?) {
        guard let profile else {
            runs = plan.runs
            return
        }
        let kCut = EntryRanges.cutoff(plan: plan, profile: profile)
        runs.reserveCapacity(plan.runs.count)
        let kCut2 = kCut * kCut
        for iy in 0..<(plan.rowRuns.count - 1) {
            let first = Int(plan.rowRuns[iy]), end = Int(plan.rowRuns[iy + 1])
            guard first < end else { continue }
            let ky = plan.kyValues[iy]
            let room = kCut2 - ky * ky
            guard room > 0 else { continue }
            let kxMax = room.squareRoot()
            // Entries of a run are in increasing k_x: the kept ones (|k_x| < kxMax) are contiguous.
            for run in plan.runs[first..<end] {
                let kx = plan.kxValues[Int(run.kxStart)..<Int(run.kxStart + run.count)]
                let lower = kx.partitioningIndex { $0 > -kxMax } - kx.startIndex
                let upper = kx.partitioningIndex { $0 >= kxMax } - kx.startIndex
                if lower < upper { runs.append(run.slice(lower..<upper)) }
            }
        }
    }

    /// Calls `body` with every kept run, row by row.
    @inline(__always)
    func forEach(_ body: (EntryRun) -> Void) {
        for run in runs { body(run) }
    }

    /// Number of kept entries.
    var count: Int { runs.reduce(0) { $0 + Int($1.count) } }

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
}
