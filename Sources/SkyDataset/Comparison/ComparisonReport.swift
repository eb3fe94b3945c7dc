/// How one dataset present in both files, with the same shape and element type, compared.
public struct DatasetComparison: Sendable, Equatable {
    /// What the dataset had to satisfy.
    public enum Rule: Sendable, Equatable {
        /// Truth and labels: every element equal (floats bit for bit, NaN equals NaN; strings byte for byte).
        case exact
        /// Pixels: |new − golden| ≤ atol + rtol·|golden| for every element (atol already resolved to ADU).
        case tolerance(rtol: Double, atol: Double)
    }

    /// Absolute path inside the file ("/images", "/objects/flux", …).
    public let path: String
    /// Element type ("float32", "float64", "int64", "string", …).
    public let type: String
    /// Dimensions, outermost first.
    public let shape: [Int]
    public let rule: Rule
    /// Number of element pairs compared (the product of `shape`).
    public let elementsCompared: Int
    /// Elements that break the rule: unequal ones (exact) or ones beyond tolerance (pixels).
    public let failingElements: Int
    /// Largest |new − golden| over all elements (0 when identical; +∞ when a NaN or infinity meets a different
    /// value); nil for strings, which have no numeric difference.
    public let maxAbsDifference: Double?
    /// Index (one entry per dimension) of the largest |Δ| — for strings, of the first differing element;
    /// nil when every element is identical.
    public let location: [Int]?
    /// Largest finite |value| of the golden dataset; nil for strings.
    public let goldenPeak: Double?
    /// The two values at `location` (numbers) or an excerpt around the first differing character (strings).
    public let detail: String?

    public init(path: String, type: String, shape: [Int], rule: Rule, elementsCompared: Int, failingElements: Int,
                maxAbsDifference: Double?, location: [Int]?, goldenPeak: Double?, detail: String?) {
        self.path = path
        self.type = type
        self.shape = shape
        self.rule = rule
        self.elementsCompared = elementsCompared
        self.failingElements = failingElements
        self.maxAbsDifference = maxAbsDifference
        self.location = location
        self.goldenPeak = goldenPeak
        self.detail = detail
    }

    /// True when every element satisfies the rule.
    public var passed: Bool { failingElements == 0 }

    /// True for the pixel datasets (`DatasetComparer.pixelDatasets`), compared within tolerance.
    public var isPixels: Bool {
        if case .tolerance = rule { return true }
        return false
    }

    /// `maxAbsDifference` / `goldenPeak` (nil for strings; +∞ for a difference against an all-zero golden).
    public var relativeToPeak: Double? {
        guard let delta = maxAbsDifference, let peak = goldenPeak else { return nil }
        if delta == 0 { return 0 }
        return peak > 0 ? delta / peak : .infinity
    }

    /// "sample 1, band 0, y 5, x 7" for images, "row 3" / "row 3, column 1" for columns, "—" when nothing differs.
    public var locationDescription: String {
        guard let location else { return "—" }
        if isPixels, location.count == 4 {
            return "sample \(location[0]), band \(location[1]), y \(location[2]), x \(location[3])"
        }
        switch location.count {
        case 0: return "scalar"
        case 1: return "row \(location[0])"
        case 2: return "row \(location[0]), column \(location[1])"
        default: return "[" + location.map(String.init).joined(separator: ", ") + "]"
        }
    }
}

/// The outcome of `DatasetComparer.compare`: everything `skysynth check` prints.
public struct ComparisonReport: Sendable, Equatable {
    /// The dataset that was checked.
    public let newPath: String
    /// The golden file it was checked against.
    public let goldenPath: String
    public let tolerance: ComparisonTolerance
    /// Root attributes that identify the scene and differ: "seed: new '2', golden '1'". Any one fails the check.
    public let sceneMismatches: [String]
    /// Datasets present in one file only, or with another shape or element type. Any one fails the check.
    public let schemaMismatches: [String]
    /// Differences that do not fail the check: software and library versions, other attributes.
    public let notes: [String]
    /// Every dataset present in both files with the same shape and type, in the golden file's order
    /// (depth first, members in name order).
    public let datasets: [DatasetComparison]

    public init(newPath: String, goldenPath: String, tolerance: ComparisonTolerance, sceneMismatches: [String],
                schemaMismatches: [String], notes: [String], datasets: [DatasetComparison]) {
        self.newPath = newPath
        self.goldenPath = goldenPath
        self.tolerance = tolerance
        self.sceneMismatches = sceneMismatches
        self.schemaMismatches = schemaMismatches
        self.notes = notes
        self.datasets = datasets
    }

    /// The datasets that broke their rule.
    public var failedDatasets: [DatasetComparison] { datasets.filter { !$0.passed } }

    /// True when the scenes and schemas match and every dataset holds.
    public var passed: Bool { sceneMismatches.isEmpty && schemaMismatches.isEmpty && failedDatasets.isEmpty }

    /// Total number of element pairs compared.
    public var elementsCompared: Int { datasets.reduce(0) { $0 + $1.elementsCompared } }
}
