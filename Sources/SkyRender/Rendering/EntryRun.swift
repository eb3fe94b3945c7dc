/// Consecutive entries of a FourierPlan: `count` of them from `entryStart`, in k_y row `ky` (index into kyValues), with
/// k_x indices from `kxStart` and folded cells (row × halfWidth + column) from `cellStart`, each one more than the last.
struct EntryRun: Sendable {
    let ky: Int32
    var kxStart: Int32
    var cellStart: Int32
    var entryStart: Int32
    var count: Int32

    /// The sub-run of entries at offsets `range` within this run.
    func slice(_ range: Range<Int>) -> EntryRun {
        let offset = Int32(range.lowerBound)
        return EntryRun(ky: ky, kxStart: kxStart + offset, cellStart: cellStart + offset, entryStart: entryStart + offset,
                        count: Int32(range.count))
    }
}
