/// Reads SkySynth dataset files (or any HDF5 file, for the summary).
public enum DatasetReader {
    /// Root attributes and every dataset with shape, type, units and description.
    public static func summary(path: String) throws -> DatasetSummary {
        let file = try H5File.openReadOnly(path)
        let root = try file.root()
        var attributes: [DatasetSummary.Attribute] = []
        for name in try root.attributeNames() {
            attributes.append(.init(name: name, value: format(try root.attribute(name))))
        }
        var datasets: [DatasetSummary.Dataset] = []
        try collect(root, into: &datasets)
        return DatasetSummary(path: path, attributes: attributes, datasets: datasets)
    }

    /// One sample's [band][y][x] floats from `dataset` ("/images" or "/noiseless").
    public static func readFloatImages(path: String, sample: Int, dataset: String = "/images") throws -> [Float] {
        try open(path, dataset).read(Float.self, rowStart: sample, rowCount: 1)
    }

    /// Every element of a variable-length string dataset such as "/truth" or "/objects/kind".
    public static func readStrings(path: String, dataset: String) throws -> [String] {
        let data = try open(path, dataset)
        return try data.readStrings(rowStart: 0, rowCount: try data.shape().first ?? 0)
    }

    /// A 1-D string dataset such as "/objects/kind" as its distinct values (in order of first appearance) and each
    /// row's index into them, read `blockRows` rows at a time: memory holds one block of strings, not the column.
    public static func readStringCodes(path: String, dataset: String, blockRows: Int = 4096) throws
        -> (values: [String], codes: [Int32]) {
        let data = try open(path, dataset)
        let rows = try data.shape().first ?? 0
        var values: [String] = [], index: [String: Int32] = [:]
        var codes: [Int32] = []
        codes.reserveCapacity(rows)
        for start in stride(from: 0, to: rows, by: max(1, blockRows)) {
            for value in try data.readStrings(rowStart: start, rowCount: min(blockRows, rows - start)) {
                if let code = index[value] {
                    codes.append(code)
                } else {
                    let code = Int32(values.count)
                    index[value] = code
                    values.append(value)
                    codes.append(code)
                }
            }
        }
        return (values, codes)
    }

    /// Every element of a numeric dataset, row-major, converted to Double (NaN stays NaN).
    public static func readDoubles(path: String, dataset: String) throws -> [Double] {
        let data = try open(path, dataset)
        return try data.read(Double.self, rowStart: 0, rowCount: try data.shape().first ?? 0)
    }

    /// Every element of an integer dataset, row-major, as Int64.
    public static func readIntegers(path: String, dataset: String) throws -> [Int64] {
        let data = try open(path, dataset)
        return try data.read(Int64.self, rowStart: 0, rowCount: try data.shape().first ?? 0)
    }

    /// Opens dataset `path` ("/a/b") of the file at `file`.
    private static func open(_ file: String, _ path: String) throws -> H5Dataset {
        let parts = path.split(separator: "/").map(String.init)
        guard let last = parts.last else { throw DatasetError.invalidArgument("'\(path)' is not a dataset path") }
        var group = try H5File.openReadOnly(file).root()
        for name in parts.dropLast() { group = try group.openGroup(name) }
        return try group.openDataset(last)
    }

    /// Appends the datasets of `group` and its subgroups, members in name order.
    private static func collect(_ group: H5Group, into datasets: inout [DatasetSummary.Dataset]) throws {
        for name in try group.memberNames() {
            switch try group.memberKind(name) {
            case .group:
                try collect(try group.openGroup(name), into: &datasets)
            case .dataset:
                let data = try group.openDataset(name)
                datasets.append(.init(path: data.objectPath, shape: try data.shape(), type: try data.typeName(),
                                      units: try text(data, "units"), description: try text(data, "description")))
            case .other:
                continue
            }
        }
    }

    /// A string attribute of a dataset, "" when absent.
    private static func text(_ data: H5Dataset, _ name: String) throws -> String {
        guard try data.hasAttribute(name) else { return "" }
        return format(try data.attribute(name))
    }

    /// An attribute value as text: strings verbatim, numbers in shortest round-trip decimal form.
    private static func format(_ value: H5AttributeValue) -> String {
        switch value {
        case .string(let s): return s
        case .double(let d): return "\(d)"
        case .int(let i): return "\(i)"
        case .uint(let u): return "\(u)"
        case .unsupported(let type): return "<\(type)>"
        }
    }
}
