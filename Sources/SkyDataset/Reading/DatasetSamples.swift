import Foundation
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

    /// Opens `path` read-only; throws naming the file when it is not a readable SkySynth dataset.
    public init(path: String) throws {
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
