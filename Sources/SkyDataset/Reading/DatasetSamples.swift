import Foundation
import SkyRender
import SkyScene

/// Reads a dataset file sample by sample (truth, images, noiseless), keeping it open: what `merge` copies.
public final class DatasetSamples {
    /// The file's path.
    public let path: String
    /// Root attributes as text (numbers in shortest round-trip form).
    public let attributes: [String: String]
    /// Number of samples (rows) in the file.
    public let rowCount: Int
    private let images: H5Dataset
    private let noiseless: H5Dataset?
    private let truth: H5Dataset
    private let decoder: JSONDecoder
    /// The optional pixel datasets present in the file.
    private let products: [(product: PixelProduct, dataset: H5Dataset)]
    /// Every object's rendering labels, in file order, and each row's first object (nil in files without them).
    private let labels: (all: [ObjectLabels], firstObject: [Int])?

    /// Opens `path` read-only; throws naming the file when it is not a readable SkySynth dataset. With
    /// `objectLabels: false` the rendering labels of /objects are not read (`rendered(row:)` then has none).
    public init(path: String, objectLabels: Bool = true) throws {
        H5Library.silenceErrorPrinting()
        self.path = path
        let file = try H5File.openReadOnly(path)
        let root = try file.root()
        var attributes: [String: String] = [:]
        for name in try root.attributeNames() {
            switch try root.attribute(name) {
            case .string(let s): attributes[name] = s
            case .double(let d): attributes[name] = "\(d)"
            case .int(let i): attributes[name] = "\(i)"
            case .uint(let u): attributes[name] = "\(u)"
            case .unsupported: continue
            }
        }
        guard attributes["format"] == Codebook.format else {
            throw DatasetError.invalidArgument("\(path) is not a SkySynth dataset (no format = \(Codebook.format) attribute)")
        }
        self.attributes = attributes
        images = try root.openDataset("images")
        noiseless = try root.memberNames().contains("noiseless") ? root.openDataset("noiseless") : nil
        truth = try root.openDataset("truth")
        rowCount = try images.shape().first ?? 0
        guard try truth.shape().first == rowCount else {
            throw DatasetError.invalidArgument("\(path): /truth and /images have different lengths (a truncated file?)")
        }
        let members = try root.memberNames()
        // A constant /psf ([B, h, w], no sample axis) is written by the writer itself, not copied per sample.
        products = try PixelProduct.allCases.filter { members.contains($0.rawValue) }.map { ($0, try root.openDataset($0.rawValue)) }
            .filter { product, dataset in try product != .psf || dataset.shape().count == 4 }
        labels = objectLabels ? try DatasetSamples.readLabels(root, rows: rowCount) : nil
        decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    /// Row `row`'s ground truth, images and (if stored) noiseless images, [band][y][x] in ADU.
    public func sample(row: Int) throws -> (spec: SampleSpec, image: [Float], noiseless: [Float]?) {
        let spec = try self.spec(row: row)
        let image = try images.read(Float.self, rowStart: row, rowCount: 1)
        let clean = try noiseless?.read(Float.self, rowStart: row, rowCount: 1)
        return (spec, image, clean)
    }

    /// Row `row`'s ground truth, images and every stored pixel product and object label, as rendering gave them
    /// (pixels left empty when `pixels` is false, e.g. for a virtual merge).
    public func rendered(row: Int, pixels: Bool = true) throws -> (spec: SampleSpec, rendered: RenderedSample) {
        let spec = try self.spec(row: row)
        var rendered = RenderedSample(image: [], noiseless: [])
        if pixels {
            rendered.image = try images.read(Float.self, rowStart: row, rowCount: 1)
            rendered.noiseless = try noiseless?.read(Float.self, rowStart: row, rowCount: 1) ?? []
            for (product, dataset) in products { try product.read(dataset, row: row, into: &rendered) }
        }
        if let labels {
            let first = labels.firstObject[row]
            rendered.objects = Array(labels.all[first..<(first + spec.objects.count)])
        }
        return (spec, rendered)
    }

    /// Reads the label columns of /objects and the per-row object offsets; nil for files written before them.
    private static func readLabels(_ root: H5Group, rows: Int) throws -> (all: [ObjectLabels], firstObject: [Int])? {
        let objects = try root.openGroup("objects")
        let names = try objects.memberNames()
        guard ["magnification", "image_count", "snr", "detection"].allSatisfy(names.contains) else { return nil }
        let magnification = try objects.openDataset("magnification").readAll(Double.self)
        let images = try objects.openDataset("image_count").readAll(Int32.self)
        let snr = try objects.openDataset("snr").readAll(Double.self)
        let detection = try objects.openDataset("detection").readAll(Int32.self)
        let counts = try root.openGroup("samples").openDataset("object_count").readAll(Int32.self)
        let total = magnification.count
        let bands = total == 0 ? 0 : snr.count / total
        let all = (0..<total).map { k in
            ObjectLabels(magnification: magnification[k], imageCount: images[k], snr: Array(snr[(k * bands)..<((k + 1) * bands)]),
                         detection: Array(detection[(k * bands)..<((k + 1) * bands)]))
        }
        var first: [Int] = [], running = 0
        for row in 0..<rows {
            first.append(running)
            running += Int(counts[row])
        }
        guard running == total else { throw DatasetError.invalidArgument("/objects holds \(total) rows, /samples/object_count sums to \(running)") }
        return (all, first)
    }

    /// Row `row`'s ground truth.
    public func spec(row: Int) throws -> SampleSpec {
        guard let json = try truth.readStrings(rowStart: row, rowCount: 1).first else {
            throw DatasetError.invalidArgument("\(path): no truth for row \(row)")
        }
        do {
            return try decoder.decode(SampleSpec.self, from: Data(json.utf8))
        } catch {
            throw DatasetError.invalidArgument("\(path): /truth row \(row) is not a sample description: \(error)")
        }
    }
}
