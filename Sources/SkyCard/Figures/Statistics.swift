/// Order statistics that ignore NaN, as the card reports them.
enum Statistics {
    /// Median of the finite-or-infinite (non-NaN) values: the mean of the two middle values for an even count
    /// (NumPy's `nanmedian`); nil when there is none.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        return medianOfSorted(sorted)
    }

    /// Median of values already sorted ascending, without NaN.
    static func medianOfSorted(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Median absolute deviation from `center`, ignoring NaN.
    static func medianAbsoluteDeviation(_ values: [Double], from center: Double) -> Double? {
        median(values.compactMap { $0.isNaN ? nil : abs($0 - center) })
    }
}

/// Count, NaN count, minimum, median and maximum of one label column.
struct LabelStatistics: Equatable, Sendable {
    /// Values that are not NaN.
    let count: Int
    /// Values that are NaN (not applicable, e.g. a star's Sérsic index).
    let nanCount: Int
    let minimum: Double?
    let median: Double?
    let maximum: Double?

    init(_ values: [Double]) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        count = sorted.count
        nanCount = values.count - sorted.count
        minimum = sorted.first
        maximum = sorted.last
        median = Statistics.medianOfSorted(sorted)
    }
}
