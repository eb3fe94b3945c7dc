import Foundation
import SkyDataset
import SkyScene

/// Everything the card says, read from one dataset file (and nothing else).
struct DatasetContent {
    /// One label column whose distribution the card shows.
    struct Label {
        /// Dataset path, e.g. "/objects/magnitude".
        let path: String
        /// Band name and channel index for an [M, B] column, else nil.
        let band: (name: String, index: Int)?
        /// What it is, for the heading.
        let title: String
        let units: String
        let description: String
        /// "objects" or "samples": what one value counts.
        let unit: String
        /// Count, NaN count, minimum, median and maximum of the values.
        let statistics: LabelStatistics
        /// The values binned; nil when none is a number.
        let histogram: Histogram?
        /// Figure file name, e.g. "hist-magnitude-g.png".
        let figureName: String

        /// The column as h5py indexes it: "/objects/magnitude[:, 0]" for band 0, else the path.
        var column: String { band.map { "\(path)[:, \($0.index)]" } ?? path }

        /// A label summarising `values`, which it does not keep (the card reads one column at a time).
        init(path: String, band: (name: String, index: Int)?, title: String, units: String, description: String,
             unit: String, values: [Double], figureName: String) {
            self.path = path
            self.band = band
            self.title = title
            self.units = units
            self.description = description
            self.unit = unit
            statistics = LabelStatistics(values)
            histogram = Histogram(values)
            self.figureName = figureName
        }
    }

    /// One per-band parameter of /samples: a [N, B] column, summarised per band.
    struct BandColumn {
        /// One band's values: how many, and the smallest, largest and first that are not NaN (nil if none is).
        struct BandRange {
            let valueCount: Int
            let numbers: (low: Double, high: Double, first: Double)?
        }

        let name: String
        let units: String
        /// Per band, in channel order.
        let ranges: [BandRange]

        /// The summary of `values`, row-major over samples ([sample][band]).
        init(name: String, units: String, values: [Double], bands: Int) {
            self.name = name
            self.units = units
            ranges = (0..<bands).map { b in
                var count = 0
                var numbers: (low: Double, high: Double, first: Double)?
                for value in stride(from: b, to: values.count, by: bands).lazy.map({ values[$0] }) {
                    count += 1
                    guard !value.isNaN else { continue }
                    if let n = numbers {
                        numbers = (value < n.low ? value : n.low, n.high < value ? value : n.high, n.first)  // as min()/max()
                    } else {
                        numbers = (value, value, value)
                    }
                }
                return BandRange(valueCount: count, numbers: numbers)
            }
        }
    }

    let path: String
    let summary: DatasetSummary
    /// Rows of /images (samples in this file).
    let rowCount: Int
    /// Band names in channel order.
    let bands: [String]
    let imageWidth: Int
    let imageHeight: Int
    /// First sample index held (nonzero for a shard part).
    let firstSample: Int
    let splitCounts: [(split: Split, count: Int)]
    let bandColumns: [BandColumn]
    let labels: [Label]
    /// Counts of /objects/kind values, in order of first appearance sorted by name.
    let kindCounts: [(kind: String, count: Int)]
    /// Rows of /objects.
    let objectRowCount: Int
    /// The sweep, when the scene swept parameters.
    let sweep: Sweep?

    func attribute(_ name: String) -> String? {
        summary.attribute(name)
    }

    /// Reads the file at `path`; throws naming it when it is not a readable SkySynth dataset.
    init(path: String) throws {
        // Checks the format attribute and the /truth length. Columns are read one at a time and kept only as
        // summaries, so the card's memory does not grow with the number of samples beyond one column.
        let samples = try DatasetSamples(path: path, objectLabels: false)
        let summary = try DatasetReader.summary(path: path)
        self.path = path
        self.summary = summary
        rowCount = samples.rowCount
        guard let imageShape = summary.dataset("/images")?.shape, imageShape.count == 4 else {
            throw CardError("\(path): /images is not a [sample, band, y, x] array")
        }
        imageHeight = imageShape[2]
        imageWidth = imageShape[3]
        let named = (summary.attribute("bands") ?? "").split(separator: ",").map(String.init)
        bands = named.count == imageShape[1] ? named : (0..<imageShape[1]).map { "band\($0)" }
        firstSample = summary.attribute("shard_first_sample").flatMap { Int($0) } ?? 0
        splitCounts = Split.allCases.compactMap { split in summary.sampleCount(in: split).map { (split, $0) } }

        var bandColumns: [BandColumn] = []
        for dataset in summary.datasets where dataset.path.hasPrefix("/samples/") && !dataset.path.hasPrefix("/samples/sweep")
            && dataset.shape.count == 2 && dataset.shape[1] == bands.count && dataset.type != "string" {
            bandColumns.append(BandColumn(name: String(dataset.path.dropFirst("/samples/".count)), units: dataset.units,
                                          values: try DatasetReader.readDoubles(path: path, dataset: dataset.path),
                                          bands: bands.count))
        }
        self.bandColumns = bandColumns

        objectRowCount = summary.dataset("/objects/sample")?.shape.first ?? 0
        let kinds = summary.dataset("/objects/kind")?.type == "string"
            ? try DatasetReader.readStringCodes(path: path, dataset: "/objects/kind") : (values: [], codes: [])
        var counts = [Int](repeating: 0, count: kinds.values.count)
        for code in kinds.codes { counts[Int(code)] += 1 }
        kindCounts = zip(kinds.values, counts).sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) }

        sweep = try Sweep(path: path, summary: summary)

        labels = try Self.readLabels(path: path, summary: summary, bands: bands, kinds: kinds)
    }

    /// The main labels present in the file, in the card's order; `kinds` is /objects/kind as distinct values and
    /// one code per object.
    private static func readLabels(path: String, summary: DatasetSummary, bands: [String],
                                   kinds: (values: [String], codes: [Int32])) throws -> [Label] {
        let objectLabels: [(String, String)] = [
            ("sersic_n", "Sérsic index n"),
            ("half_light_radius", "Half-light radius"),
            ("q", "Axis ratio q = b/a"),
            ("beta", "Position angle β"),
            ("g1", "Reduced shear g1"),
            ("g2", "Reduced shear g2"),
        ]
        var labels: [Label] = []
        for (name, title) in objectLabels {
            let column = "/objects/" + name
            guard let dataset = summary.dataset(column), dataset.shape.count == 1, dataset.type != "string" else { continue }
            labels.append(Label(path: column, band: nil, title: title, units: dataset.units, description: dataset.description,
                                unit: "objects", values: try DatasetReader.readDoubles(path: path, dataset: column),
                                figureName: "hist-\(name).png"))
        }
        // Labels of some object kinds (bulge + disk, spiral, lens, shapes): drawn over the objects of those kinds
        // only, and only when the dataset holds such objects.
        let shapeKinds: Set<String> = ["circle", "ellipse", "rectangle", "polygon", "star_polygon", "line", "arc", "ring"]
        let kindLabels: [(String, String, Set<String>)] = [
            ("bulge_n", "Bulge Sérsic index", ["bulge_disk", "spiral"]),
            ("bulge_half_light_radius", "Bulge half-light radius", ["bulge_disk", "spiral"]),
            ("disk_half_light_radius", "Disk half-light radius", ["bulge_disk", "spiral"]),
            ("arms", "Spiral arms", ["spiral"]),
            ("pitch", "Spiral pitch angle", ["spiral"]),
            ("arm_width", "Spiral arm width", ["spiral"]),
            ("arm_fraction", "Spiral arm-to-disk flux ratio", ["spiral"]),
            ("theta_e", "Einstein radius θ_E", ["lens"]),
            ("lens_q", "Lens axis ratio", ["lens"]),
            ("magnification", "Source magnification", ["lens"]),
            ("image_count", "Source image count", ["lens"]),
            ("source_n", "Source Sérsic index", ["lens"]),
            ("source_half_light_radius", "Source half-light radius", ["lens"]),
            ("area", "Shape area", shapeKinds),
        ]
        for (name, title, ofKinds) in kindLabels {
            let column = "/objects/" + name
            guard let dataset = summary.dataset(column), dataset.shape.count == 1, dataset.type != "string" else { continue }
            let all = try DatasetReader.readDoubles(path: path, dataset: column)
            guard all.count == kinds.codes.count else { continue }
            let included = kinds.values.map { ofKinds.contains($0) }
            let values = zip(all, kinds.codes).filter { included[Int($0.1)] }.map(\.0)
            guard values.contains(where: \.isFinite) else { continue }
            labels.append(Label(path: column, band: nil, title: title + " (" + (ofKinds == shapeKinds ? "geometric shapes" : ofKinds.sorted().joined(separator: ", ")) + ")",
                                units: dataset.units, description: dataset.description,
                                unit: "objects", values: values, figureName: "hist-\(name).png"))
        }
        if let dataset = summary.dataset("/objects/magnitude"), dataset.shape.count == 2, dataset.shape[1] == bands.count,
           dataset.type != "string" {
            let all = try DatasetReader.readDoubles(path: path, dataset: dataset.path)
            let fileNames = FileNames.unique(bands)
            for (b, band) in bands.enumerated() {
                let values = stride(from: b, to: all.count, by: bands.count).map { all[$0] }
                labels.append(Label(path: dataset.path, band: (band, b), title: "Magnitude, band \(band)", units: dataset.units,
                                    description: dataset.description, unit: "objects", values: values,
                                    figureName: "hist-magnitude-\(fileNames[b]).png"))
            }
        }
        if let dataset = summary.dataset("/samples/object_count"), dataset.shape.count == 1, dataset.type != "string" {
            labels.append(Label(path: dataset.path, band: nil, title: "Objects per stamp", units: dataset.units,
                                description: dataset.description, unit: "samples",
                                values: try DatasetReader.readDoubles(path: path, dataset: dataset.path),
                                figureName: "hist-object_count.png"))
        }
        return labels
    }

    /// Row `row` of /images: [band][y][x].
    func images(row: Int) throws -> [Float] {
        let all = try DatasetReader.readFloatImages(path: path, sample: row)
        let expected = imageWidth * imageHeight * bands.count
        guard all.count == expected else {
            throw CardError("\(path): row \(row) of /images has \(all.count) values, expected \(expected)")
        }
        return all
    }
}

/// A parameter sweep as the file records it: root attributes `sweep_parameters` and `sweep_values` (JSON),
/// `sweep_replicates`, `sweep_common_random_numbers`, and the column `/samples/sweep_point`.
struct Sweep {
    /// Swept parameter paths.
    let parameters: [String]
    /// Each point's value of each parameter, as text.
    let values: [[String]]
    let replicates: String?
    let commonRandomNumbers: String?
    /// Samples of this file per point, and per split code (0, 1, 2) at each point.
    let samplesPerPoint: [Int]
    let splitsPerPoint: [[Int]]

    /// nil when the file records no sweep.
    init?(path: String, summary: DatasetSummary) throws {
        guard let parametersText = summary.attribute("sweep_parameters"),
              let valuesText = summary.attribute("sweep_values") else { return nil }
        let decoder = JSONDecoder()
        guard let parameters = try? decoder.decode([String].self, from: Data(parametersText.utf8)),
              let values = try? decoder.decode([[String]].self, from: Data(valuesText.utf8)) else {
            throw CardError("\(path): the sweep_parameters or sweep_values attribute is not a JSON list")
        }
        self.parameters = parameters
        self.values = values
        replicates = summary.attribute("sweep_replicates")
        commonRandomNumbers = summary.attribute("sweep_common_random_numbers")
        var samples = [Int](repeating: 0, count: values.count)
        var splits = [[Int]](repeating: [0, 0, 0], count: values.count)
        if summary.dataset("/samples/sweep_point") != nil {
            let points = try DatasetReader.readIntegers(path: path, dataset: "/samples/sweep_point")
            let codes = summary.dataset("/samples/split") != nil
                ? try DatasetReader.readIntegers(path: path, dataset: "/samples/split") : []
            for (row, point) in points.enumerated() where point >= 0 && Int(point) < values.count {
                samples[Int(point)] += 1
                if row < codes.count, (0...2).contains(codes[row]) { splits[Int(point)][Int(codes[row])] += 1 }
            }
        }
        samplesPerPoint = samples
        splitsPerPoint = splits
    }
}

/// File names derived from band names.
enum FileNames {
    /// `names` made safe for file names (letters, digits, '-', '_', '.'; anything else becomes '_'), made unique
    /// by appending "-<index>" where two would collide.
    static func unique(_ names: [String]) -> [String] {
        let safe = names.map { name -> String in
            let cleaned = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
            return cleaned.isEmpty || cleaned.hasPrefix(".") ? "_" + cleaned : cleaned
        }
        var seen: [String: Int] = [:]
        for name in safe { seen[name, default: 0] += 1 }
        return safe.enumerated().map { index, name in seen[name, default: 0] > 1 ? "\(name)-\(index)" : name }
    }
}
