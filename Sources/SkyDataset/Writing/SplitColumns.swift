import SkyScene

/// The /splits group: sample indices of each split, extendable int64 arrays (possibly empty).
final class SplitColumns {
    private let columns: [Split: ColumnBuffer<Int64>]
    /// Every buffer, in split order (train, validation, test).
    let all: [any FlushableColumn]

    /// Creates /splits/train, /splits/validation and /splits/test, empty.
    init(in root: H5Group) throws {
        let group = try root.createGroup("splits")
        try group.setAttribute("description", Codebook.splitsGroup)
        var columns: [Split: ColumnBuffer<Int64>] = [:]
        var ordered: [any FlushableColumn] = []
        for split in Split.allCases {
            let column = try ColumnBuffer<Int64>(Codebook.split(split.rawValue), in: group, rows: nil, width: nil)
            columns[split] = column
            ordered.append(column)
        }
        self.columns = columns
        all = ordered
    }

    /// Queues the sample's index in its split (indices arrive in increasing order, so arrays stay sorted).
    func append(_ spec: SampleSpec) {
        columns[spec.split]?.append(Int64(spec.index))
    }
}
