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
        let kCut2 = kCut * kCut
        // Through buffers: the plan's arrays are read without a retain and release per run (~2 % of a
        // galaxy-n-fixed sample when they were sliced as arrays).
        runs = plan.runs.withUnsafeBufferPointer { planRuns in
            plan.rowRuns.withUnsafeBufferPointer { rowRuns in
                plan.kxValues.withUnsafeBufferPointer { kx in
                    plan.kyValues.withUnsafeBufferPointer { ky in
                        EntryRanges.kept(runs: planRuns, rowRuns: rowRuns, kx: kx, ky: ky, kCut2: kCut2)
                    }
                }
            }
        }
    }

    /// The parts of `runs` (row iy's runs: rowRuns[iy]..<rowRuns[iy + 1]) with k_x² + k_y² < kCut2, row by row.
    private static func kept(runs: UnsafeBufferPointer<EntryRun>, rowRuns: UnsafeBufferPointer<Int32>,
                             kx kxValues: UnsafeBufferPointer<Double>, ky kyValues: UnsafeBufferPointer<Double>,
                             kCut2: Double) -> [EntryRun] {
        var kept: [EntryRun] = []
        kept.reserveCapacity(runs.count)
        for iy in 0..<(rowRuns.count - 1) {
            let first = Int(rowRuns[iy]), end = Int(rowRuns[iy + 1])
            guard first < end else { continue }
            let ky = kyValues[iy]
            let room = kCut2 - ky * ky
            guard room > 0 else { continue }
            let kxMax = room.squareRoot()
            // Entries of a run are in increasing k_x: the kept ones (|k_x| < kxMax) are contiguous.
            for run in runs[first..<end] {
                let kx = kxValues[Int(run.kxStart)..<Int(run.kxStart + run.count)]
                let lower = kx.partitioningIndex { $0 > -kxMax } - kx.startIndex
                let upper = kx.partitioningIndex { $0 >= kxMax } - kx.startIndex
                if lower < upper { kept.append(run.slice(lower..<upper)) }
            }
        }
        return kept
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
