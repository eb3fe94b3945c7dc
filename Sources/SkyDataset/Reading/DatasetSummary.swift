import SkyScene

/// What `skysynth inspect` shows of a dataset file: root attributes and every dataset with its codebook entry.
public struct DatasetSummary: Sendable, Equatable {
    /// One root attribute; numbers are formatted as decimal text.
    public struct Attribute: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// One dataset of the file.
    public struct Dataset: Sendable, Equatable {
        /// Absolute path inside the file, e.g. "/samples/psf_fwhm".
        public let path: String
        /// Dimensions, outermost first.
        public let shape: [Int]
        /// Element type: "float32", "float64", "int32", "int64", "uint64", "string", …
        public let type: String
        /// The `units` attribute ("" when absent or dimensionless).
        public let units: String
        /// The `description` attribute ("" when absent).
        public let description: String
    }

    /// The file that was read.
    public let path: String
    /// Root attributes in name order.
    public let attributes: [Attribute]
    /// Every dataset of the file, depth first, members in name order.
    public let datasets: [Dataset]

    /// Reads the summary of the file at `path`.
    public static func read(path: String) throws -> DatasetSummary {
        try DatasetReader.summary(path: path)
    }

    /// Value of root attribute `name`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Dataset at `path` ("/images", "/objects/flux", …).
    public func dataset(_ path: String) -> Dataset? {
        datasets.first { $0.path == path }
    }

    /// Number of samples in `split` (length of /splits/<split>), nil when the file has no such array.
    public func sampleCount(in split: Split) -> Int? {
        dataset("/splits/\(split.rawValue)")?.shape.first
    }
}
