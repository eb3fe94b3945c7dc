/// Scenes/crowded.yaml end to end: segmentation, flags, S/N and detection codes in the file; shards merged into the
/// single-process file byte for byte with every product.
import Foundation
import SkyDataset
import XCTest

final class ProductsDatasetTests: CLITestCase {
    /// One Sérsic index keeps the debug-build test quick (each n node of the transform bank is integrated on first use).
    let fixedN = ["--set", "objects.0.n=1.5"]

    var crowded: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/crowded.yaml").path
    }

    func testCrowdedProductsAreConsistentWithTheLabels() throws {
        let out = outputPath("crowded.h5")
        let result = try run(["generate", crowded, "--count", "5", "--no-card", "--quiet", "-o", out] + fixedN)
        XCTAssertEqual(result.status, 0, result.transcript)
        let summary = try DatasetSummary.read(path: out)
        XCTAssertEqual(summary.dataset("/segmentation")?.shape, [5, 64, 64])
        XCTAssertEqual(summary.dataset("/segmentation")?.type, "int32")
        XCTAssertEqual(summary.dataset("/flags")?.shape, [5, 3, 64, 64])
        XCTAssertEqual(summary.dataset("/flags")?.type, "uint8")
        let counts = try DatasetReader.readIntegers(path: out, dataset: "/samples/object_count")
        let samples = try DatasetReader.readIntegers(path: out, dataset: "/objects/sample")
        let ids = try DatasetReader.readIntegers(path: out, dataset: "/objects/id")
        let x = try DatasetReader.readDoubles(path: out, dataset: "/objects/offset_x")
        let y = try DatasetReader.readDoubles(path: out, dataset: "/objects/offset_y")
        let detection = try DatasetReader.readIntegers(path: out, dataset: "/objects/detection")
        let snr = try DatasetReader.readDoubles(path: out, dataset: "/objects/snr")
        XCTAssertEqual(samples.count, Int(counts.reduce(0, +)))
        for k in samples.indices {
            for b in 0..<3 {
                let code = detection[3 * k + b]
                XCTAssertTrue([0, 1, 2, 3].contains(code), "row \(k) band \(b): code \(code)")
                if code == 1 { XCTAssertGreaterThanOrEqual(snr[3 * k + b], 5) }
                if code == 0 { XCTAssertLessThan(snr[3 * k + b], 5) }
            }
            // Objects of one stamp are ≥ 0.6″ apart (100 attempts suffice at this density).
            for j in samples.indices where j < k && samples[j] == samples[k] {
                let d = ((x[j] - x[k]) * (x[j] - x[k]) + (y[j] - y[k]) * (y[j] - y[k])).squareRoot()
                XCTAssertGreaterThanOrEqual(d, 0.6 - 1e-12, "objects \(j) and \(k) of sample \(samples[k])")
            }
        }
        for sample in 0..<5 {
            let images = try DatasetReader.readFloatImages(path: out, sample: sample)
            let segmentation = try DatasetReader.readIntegers(path: out, dataset: "/segmentation")
            let map = Array(segmentation[(sample * 4096)..<((sample + 1) * 4096)])
            let objectIDs = Set(samples.indices.filter { samples[$0] == Int64(sample) }.map { ids[$0] })
            XCTAssertTrue(Set(map).subtracting([0]).isSubset(of: objectIDs), "sample \(sample): segment ids are object ids")
            // A missing u band (code 3 for its objects) is NaN in /images.
            let rows = samples.indices.filter { samples[$0] == Int64(sample) }
            if let first = rows.first, detection[3 * first] == 3 {
                XCTAssertTrue(images[0..<4096].allSatisfy(\.isNaN), "sample \(sample): u not observed")
            } else {
                XCTAssertFalse(images[0..<4096].contains(where: \.isNaN))
            }
        }
    }

    func testShardsWithProductsMergeIntoTheSingleRunByteForByte() throws {
        let single = outputPath("single.h5")
        XCTAssertEqual(try run(["generate", crowded, "--count", "3", "--no-card", "--quiet", "-o", single] + fixedN).status, 0)
        var parts: [String] = []
        for k in 0..<2 {
            let part = outputPath("part-\(k).h5")
            let result = try run(["generate", crowded, "--count", "3", "--shard", "\(k)/2", "--no-card", "--quiet", "-o", part] + fixedN)
            XCTAssertEqual(result.status, 0, result.transcript)
            parts.append(part)
        }
        let merged = outputPath("merged.h5")
        let result = try run(["merge"] + parts + ["-o", merged, "--quiet"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: single)) == Data(contentsOf: URL(fileURLWithPath: merged)),
                      "2 shards + merge differ from the single run")
        let virtual = outputPath("virtual.h5")
        XCTAssertEqual(try run(["merge", "--virtual"] + parts + ["-o", virtual, "--quiet"]).status, 0)
        XCTAssertEqual(try DatasetReader.readIntegers(path: virtual, dataset: "/segmentation"),
                       try DatasetReader.readIntegers(path: single, dataset: "/segmentation"))
        XCTAssertEqual(try DatasetReader.readIntegers(path: virtual, dataset: "/objects/detection"),
                       try DatasetReader.readIntegers(path: single, dataset: "/objects/detection"))
    }
}
