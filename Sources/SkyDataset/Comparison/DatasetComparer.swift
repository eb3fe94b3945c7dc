import Foundation

/// Compares a dataset file with a golden one: what `skysynth check NEW --against GOLDEN` does.
///
/// - The set of dataset paths, their shapes and element types must match (else a schema mismatch).
/// - Root attributes identifying the scene — `scene_sha256`, `seed`, `count`, `schema_version`, and
///   `scene_overrides` when either file has it — must match (else a scene mismatch). Software and library
///   versions and every other attribute may differ; those differences become notes.
/// - Truth and labels (every dataset but the pixels) must be equal element by element: floats bit for bit
///   (NaN equals NaN, a one-ULP difference is a difference), integers and strings exactly.
/// - Pixels (`/images`, `/noiseless`, the lens planes, `/psf`) and values computed from them (`/objects/snr`) must satisfy
///   |new − golden| ≤ atol + rtol·|golden| (`ComparisonTolerance`).
///
/// Memory stays bounded: images are read one sample at a time, columns in blocks of rows. With the default
/// atol (a fraction of the golden peak) each pixel dataset of the golden file is read twice: once for its peak.
public enum DatasetComparer {
    /// The datasets compared within tolerance; everything else is compared exactly.
    public static let pixelDatasets: Set<String> = ["/images", "/noiseless", "/source_light", "/lens_light", "/psf", "/objects/snr"]
    /// Root attributes that must be present in both files and equal.
    public static let sceneAttributes = ["scene_sha256", "seed", "count", "schema_version"]
    /// Root attributes that must be equal when either file has them (they change the scene that was rendered).
    public static let optionalSceneAttributes = ["scene_overrides"]
    /// Root attributes that may differ; a difference is printed as a note.
    public static let versionAttributes = ["software", "software_version", "fftw_version", "gsl_version", "hdf5_version"]

    /// Elements read per block from a column (each side).
    static let blockElements = 1 << 16

    /// Compares every dataset of `newPath` with `goldenPath`. Throws (naming the file) when either cannot be read
    /// or is not a SkySynth dataset, or when the tolerance is negative or not finite.
    public static func compare(_ newPath: String, against goldenPath: String,
                               tolerance: ComparisonTolerance = .default) throws -> ComparisonReport {
        try tolerance.validate()
        H5Library.silenceErrorPrinting()
        let new = try OpenedFile(path: newPath)
        let golden = try OpenedFile(path: goldenPath)

        var sceneMismatches: [String] = []
        var notes: [String] = []
        for name in sceneAttributes + optionalSceneAttributes {
            let (n, g) = (new.attributes[name], golden.attributes[name])
            let required = sceneAttributes.contains(name)
            if n != g || (required && n == nil) {
                sceneMismatches.append("\(name): new \(quoted(n)), golden \(quoted(g))")
            }
        }
        for name in versionAttributes where new.attributes[name] != golden.attributes[name] {
            notes.append("\(name) differs: new \(quoted(new.attributes[name])), golden \(quoted(golden.attributes[name]))")
        }
        let checked = Set(sceneAttributes + optionalSceneAttributes + versionAttributes)
        let otherNames = Set(new.attributes.keys).union(golden.attributes.keys).subtracting(checked)
        let otherDifferences = otherNames.sorted().filter { new.attributes[$0] != golden.attributes[$0] }
        if !otherDifferences.isEmpty {
            notes.append("other root attributes differ: " + otherDifferences.joined(separator: ", "))
        }

        var schemaMismatches: [String] = []
        var results: [DatasetComparison] = []
        for path in golden.order {
            guard let g = golden.datasets[path] else { continue }
            guard let n = new.datasets[path] else {
                schemaMismatches.append("\(path) is missing from \(newPath) (golden: \(g.type) \(shapeText(g.shape)))")
                continue
            }
            guard n.shape == g.shape, n.type == g.type else {
                schemaMismatches.append("\(path) is \(n.type) \(shapeText(n.shape)) in \(newPath), "
                                        + "\(g.type) \(shapeText(g.shape)) in \(goldenPath)")
                continue
            }
            for name in Set(n.attributes.keys).union(g.attributes.keys).sorted() where n.attributes[name] != g.attributes[name] {
                notes.append("\(path) attribute \(name) differs: new \(quoted(n.attributes[name])), "
                             + "golden \(quoted(g.attributes[name]))")
            }
            results.append(try compareDataset(path: path, new: n, golden: g, tolerance: tolerance))
        }
        for path in new.order where golden.datasets[path] == nil {
            let n = new.datasets[path]!
            schemaMismatches.append("\(path) (\(n.type) \(shapeText(n.shape))) is in \(newPath) but not in \(goldenPath)")
        }
        return ComparisonReport(newPath: newPath, goldenPath: goldenPath, tolerance: tolerance,
                                sceneMismatches: sceneMismatches, schemaMismatches: schemaMismatches, notes: notes,
                                datasets: results)
    }

    // MARK: - Files

    /// One dataset of an open file.
    struct Member {
        let dataset: H5Dataset
        let shape: [Int]
        let type: String
        /// Attributes as text.
        let attributes: [String: String]
    }

    /// An open SkySynth file: root attributes as text and every dataset by path.
    struct OpenedFile {
        let file: H5File
        let attributes: [String: String]
        /// Dataset paths depth first, members in name order.
        let order: [String]
        let datasets: [String: Member]

        init(path: String) throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DatasetError.invalidArgument("cannot read \(path): no such file")
            }
            guard !isDirectory.boolValue else { throw DatasetError.invalidArgument("cannot read \(path): it is a folder") }
            do {
                file = try H5File.openReadOnly(path)
            } catch {
                throw DatasetError.invalidArgument("cannot read \(path): not an HDF5 file, or truncated (\(error))")
            }
            let root = try file.root()
            attributes = try DatasetComparer.attributes(of: root)
            guard attributes["format"] == Codebook.format else {
                throw DatasetError.invalidArgument("\(path) is not a SkySynth dataset (no format = \(Codebook.format) attribute)")
            }
            var order: [String] = []
            var datasets: [String: Member] = [:]
            try DatasetComparer.collect(root, order: &order, datasets: &datasets)
            self.order = order
            self.datasets = datasets
        }
    }

    /// Every attribute of `holder` as text (numbers in shortest round-trip form).
    static func attributes(of holder: some H5AttributeHolder) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try holder.attributeNames() {
            switch try holder.attribute(name) {
            case .string(let s): result[name] = s
            case .double(let d): result[name] = "\(d)"
            case .int(let i): result[name] = "\(i)"
            case .uint(let u): result[name] = "\(u)"
            case .unsupported(let type): result[name] = "<\(type)>"
            }
        }
        return result
    }

    /// Adds the datasets of `group` and its subgroups, depth first, members in name order.
    private static func collect(_ group: H5Group, order: inout [String], datasets: inout [String: Member]) throws {
        for name in try group.memberNames() {
            switch try group.memberKind(name) {
            case .group:
                try collect(try group.openGroup(name), order: &order, datasets: &datasets)
            case .dataset:
                let data = try group.openDataset(name)
                order.append(data.objectPath)
                datasets[data.objectPath] = Member(dataset: data, shape: try data.shape(), type: try data.typeName(),
                                                   attributes: try attributes(of: data))
            case .other:
                continue
            }
        }
    }

    // MARK: - Datasets

    /// Compares one dataset present in both files with the same shape and type.
    private static func compareDataset(path: String, new: Member, golden: Member,
                                       tolerance: ComparisonTolerance) throws -> DatasetComparison {
        guard !golden.shape.isEmpty else {
            throw DatasetError.invalidArgument("cannot compare \(path): scalar datasets are not supported")
        }
        let isPixels = pixelDatasets.contains(path)
        let type = golden.type
        if type == "string" {
            return try compareStrings(path: path, new: new, golden: golden)
        } else if type == "float32" {
            return try compareNumbers(Float.self, path: path, new: new, golden: golden, pixels: isPixels, tolerance: tolerance)
        } else if type.hasPrefix("float") {
            return try compareNumbers(Double.self, path: path, new: new, golden: golden, pixels: isPixels, tolerance: tolerance)
        } else if type.hasPrefix("uint") {
            return try compareNumbers(UInt64.self, path: path, new: new, golden: golden, pixels: isPixels, tolerance: tolerance)
        } else if type.hasPrefix("int") {
            return try compareNumbers(Int64.self, path: path, new: new, golden: golden, pixels: isPixels, tolerance: tolerance)
        }
        throw DatasetError.invalidArgument("cannot compare \(path): element type \(type) is not supported")
    }

    /// Rows per block: one sample for pixels, else about `blockElements` elements.
    private static func rowsPerBlock(shape: [Int], pixels: Bool) -> Int {
        let perRow = max(1, shape.dropFirst().reduce(1, *))
        return pixels ? 1 : max(1, blockElements / perRow)
    }

    /// Largest finite |value| of a numeric dataset, read block by block.
    private static func peak<T: ComparableElement>(_: T.Type, of member: Member, pixels: Bool) throws -> Double {
        let rows = member.shape[0], block = rowsPerBlock(shape: member.shape, pixels: pixels)
        var peak = 0.0
        var start = 0
        while start < rows {
            let count = min(block, rows - start)
            for value in try member.dataset.read(T.self, rowStart: start, rowCount: count) {
                let magnitude = value.magnitudeAsDouble
                if magnitude > peak && magnitude.isFinite { peak = magnitude }
            }
            start += count
        }
        return peak
    }

    private static func compareNumbers<T: ComparableElement>(_: T.Type, path: String, new: Member, golden: Member,
                                                             pixels: Bool, tolerance: ComparisonTolerance) throws -> DatasetComparison {
        let shape = golden.shape
        let rule: DatasetComparison.Rule
        var rtol = 0.0, atol = 0.0
        if pixels {
            rtol = tolerance.rtol
            atol = try tolerance.atol ?? tolerance.atolFractionOfPeak * peak(T.self, of: golden, pixels: true)
            rule = .tolerance(rtol: rtol, atol: atol)
        } else {
            rule = .exact
        }
        let rows = shape[0], block = rowsPerBlock(shape: shape, pixels: pixels)
        let perRow = shape.dropFirst().reduce(1, *)
        var failing = 0, goldenPeak = 0.0, maxDelta = 0.0
        var maxAt: Int? = nil
        var detail: String? = nil
        var start = 0
        while start < rows {
            let count = min(block, rows - start)
            let n = try new.dataset.read(T.self, rowStart: start, rowCount: count)
            let g = try golden.dataset.read(T.self, rowStart: start, rowCount: count)
            let offset = start * perRow
            for i in 0..<g.count {
                let magnitude = g[i].magnitudeAsDouble
                if magnitude > goldenPeak && magnitude.isFinite { goldenPeak = magnitude }
                if T.identical(n[i], g[i]) { continue }
                let delta = n[i].absoluteDifference(from: g[i])
                let fails = pixels ? !(delta.isFinite && delta <= atol + rtol * magnitude) : true
                if fails { failing += 1 }
                if delta > maxDelta || (maxAt == nil && delta >= maxDelta) {
                    maxDelta = delta
                    maxAt = offset + i
                    detail = "new \(n[i]), golden \(g[i])"
                }
            }
            start += count
        }
        return DatasetComparison(path: path, type: golden.type, shape: shape, rule: rule,
                                 elementsCompared: shape.reduce(1, *), failingElements: failing,
                                 maxAbsDifference: maxDelta, location: maxAt.map { unravel($0, shape) },
                                 goldenPeak: goldenPeak, detail: detail)
    }

    private static func compareStrings(path: String, new: Member, golden: Member) throws -> DatasetComparison {
        let shape = golden.shape
        let rows = shape[0]
        let block = max(1, 1024 / max(1, shape.dropFirst().reduce(1, *)))  // truth rows are a few kB each
        let perRow = shape.dropFirst().reduce(1, *)
        var failing = 0
        var firstAt: Int? = nil
        var detail: String? = nil
        var start = 0
        while start < rows {
            let count = min(block, rows - start)
            let n = try new.dataset.readStrings(rowStart: start, rowCount: count)
            let g = try golden.dataset.readStrings(rowStart: start, rowCount: count)
            for i in 0..<g.count where n[i] != g[i] {
                failing += 1
                if firstAt == nil {
                    firstAt = start * perRow + i
                    detail = excerpt(n[i], g[i])
                }
            }
            start += count
        }
        return DatasetComparison(path: path, type: golden.type, shape: shape, rule: .exact,
                                 elementsCompared: shape.reduce(1, *), failingElements: failing, maxAbsDifference: nil,
                                 location: firstAt.map { unravel($0, shape) }, goldenPeak: nil, detail: detail)
    }

    // MARK: - Helpers

    /// The multi-dimensional index of row-major flat index `flat` in `shape`.
    static func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() {
            let size = max(shape[d], 1)
            index[d] = rest % size
            rest /= size
        }
        return index
    }

    /// Both strings around their first differing character: `new "…a…", golden "…b…"`.
    static func excerpt(_ new: String, _ golden: String) -> String {
        let a = Array(new), b = Array(golden)
        var first = 0
        while first < a.count, first < b.count, a[first] == b[first] { first += 1 }
        let from = max(0, first - 30)
        func cut(_ s: [Character]) -> String {
            let to = min(s.count, first + 40)
            let middle = from < to ? String(s[from..<to]) : ""
            return "\"" + (from > 0 ? "…" : "") + middle + (to < s.count ? "…" : "") + "\""
        }
        return "first difference at character \(first): new \(cut(a)), golden \(cut(b))"
    }

    /// "'text'" (long values cut to 60 characters) or "missing".
    static func quoted(_ value: String?) -> String {
        guard let value else { return "missing" }
        let oneLine = value.replacingOccurrences(of: "\n", with: "⏎")
        return "'" + (oneLine.count > 60 ? String(oneLine.prefix(57)) + "…" : oneLine) + "'"
    }

    /// "[3, 2, 64, 64]".
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}

/// A numeric element type the comparer reads: exact identity, |Δ| and |value| as Double.
protocol ComparableElement: H5Element, Numeric, CustomStringConvertible {
    /// True when the two values are the same: floats bit for bit except that every NaN equals every NaN.
    static func identical(_ a: Self, _ b: Self) -> Bool
    /// |self − golden| as Double; +∞ when a NaN or an infinity meets a different value.
    func absoluteDifference(from golden: Self) -> Double
    /// |self| as Double (NaN for NaN).
    var magnitudeAsDouble: Double { get }
}

extension ComparableElement where Self: BinaryFloatingPoint {
    static func identical(_ a: Self, _ b: Self) -> Bool {
        (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign)
    }

    func absoluteDifference(from golden: Self) -> Double {
        guard isFinite && golden.isFinite else { return .infinity }
        return abs(Double(self) - Double(golden))
    }

    var magnitudeAsDouble: Double { abs(Double(self)) }
}

extension Float: ComparableElement {}
extension Double: ComparableElement {}

extension Int64: ComparableElement {
    static func identical(_ a: Int64, _ b: Int64) -> Bool { a == b }
    func absoluteDifference(from golden: Int64) -> Double {
        Double(self >= golden ? UInt64(bitPattern: self &- golden) : UInt64(bitPattern: golden &- self))
    }
    var magnitudeAsDouble: Double { Double(magnitude) }
}

extension UInt64: ComparableElement {
    static func identical(_ a: UInt64, _ b: UInt64) -> Bool { a == b }
    func absoluteDifference(from golden: UInt64) -> Double { Double(self >= golden ? self - golden : golden - self) }
    var magnitudeAsDouble: Double { Double(self) }
}
