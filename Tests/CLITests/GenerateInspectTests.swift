/// `skysynth generate` followed by `skysynth inspect`, on the built binary: the happy path, `--count`,
/// and the `/truth` ground-truth strings (valid JSON whose `index` is the row).
import Foundation
import SkyDataset
import XCTest

final class GenerateInspectTests: CLITestCase {
    func testGenerateThenInspectDescribesTheDataset() throws {
        let scene = SceneText(name: "inspect-me", seed: 987_654_321, count: 6, size: 16)
        let scenePath = try writeScene(scene.yaml)
        let out = outputPath("inspect.h5")

        let generated = try run(["generate", scenePath, "-o", out, "--jobs", "2"])
        XCTAssertEqual(generated.status, 0, generated.transcript)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out), "no output file\n\(generated.transcript)")
        XCTAssertEqual(entries(of: outputFolder), ["inspect.card", "inspect.h5", "inspect.md"], "only the dataset and its card")
        // Summary line: "wrote PATH: 6 samples × 2 bands × 16×16 px in … s (…); train …, validation …, test …"
        let summary = generated.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("wrote ") } ?? ""
        XCTAssertTrue(summary.contains(out), generated.transcript)
        XCTAssertTrue(summary.contains("6 samples"), generated.transcript)
        XCTAssertTrue(summary.contains("2 bands"), generated.transcript)
        XCTAssertTrue(summary.contains("16×16"), generated.transcript)
        for split in ["train", "validation", "test"] { XCTAssertTrue(summary.contains(split), generated.transcript) }

        let inspected = try run(["inspect", out])
        XCTAssertEqual(inspected.status, 0, inspected.transcript)
        let text = inspected.stdout
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func field(_ label: String) -> String? {
            lines.first { $0.hasPrefix(label + " ") }.map { String($0.dropFirst(label.count)).trimmingCharacters(in: .whitespaces) }
        }
        XCTAssertEqual(field("scene"), "inspect-me", text)
        XCTAssertEqual(field("seed"), "987654321", text)
        XCTAssertEqual(field("samples")?.hasPrefix("6"), true, text)
        XCTAssertEqual(field("bands"), "g,r", text)
        XCTAssertEqual(field("image"), "16 × 16 px at 0.2 arcsec/px", text)
        XCTAssertNotNil(field("software"), text)
        // The columns table: /images [N, B, H, W] float32 in ADU, and the other datasets with their units.
        func row(_ path: String) -> [String]? {
            lines.first { $0.hasPrefix(path + " ") }?.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        let images = try XCTUnwrap(row("/images"), text)
        XCTAssertEqual(Array(images.prefix(4)), ["/images", "[6, 2, 16, 16]", "float32", "ADU"], text)
        let noiseless = try XCTUnwrap(row("/noiseless"), "scene asks for noiseless images\n\(text)")
        XCTAssertEqual(Array(noiseless.prefix(4)), ["/noiseless", "[6, 2, 16, 16]", "float32", "ADU"], text)
        XCTAssertEqual(row("/truth")?.prefix(3).map { $0 }, ["/truth", "[6]", "string"], text)
        XCTAssertEqual(row("/samples/psf_fwhm")?.prefix(4).map { $0 }, ["/samples/psf_fwhm", "[6, 2]", "float64", "arcsec"], text)
        XCTAssertEqual(row("/samples/sky_level")?.dropFirst(3).first, "electrons/pixel", text)
        XCTAssertEqual(row("/objects/flux")?.dropFirst(3).first, "electrons", text)
        XCTAssertEqual(row("/objects/magnitude")?.dropFirst(3).first, "mag", text)
        for split in ["train", "validation", "test"] { XCTAssertNotNil(row("/splits/\(split)"), text) }
        XCTAssertTrue(inspected.stderr.isEmpty, inspected.transcript)

        // The same facts straight from the file.
        let file = try DatasetReader.summary(path: out)
        XCTAssertEqual(file.dataset("/images")?.shape, [6, 2, 16, 16])
        XCTAssertEqual(file.attribute("scene_name"), "inspect-me")
        XCTAssertEqual(file.attribute("seed"), "987654321")
        XCTAssertEqual(file.attribute("image_unit"), "ADU")
        XCTAssertEqual(file.attribute("scene_yaml"), scene.yaml, "the scene text is stored verbatim")
        XCTAssertEqual(file.attribute("command_line_overrides"), "")
        let pixels = try DatasetReader.readFloatImages(path: out, sample: 5)
        XCTAssertEqual(pixels.count, 2 * 16 * 16)
        XCTAssertTrue(pixels.allSatisfy(\.isFinite))
        let light = try DatasetReader.readFloatImages(path: out, sample: 5, dataset: "/noiseless")
        XCTAssertGreaterThan(light.reduce(0, +), 0, "the noiseless stamp holds the objects' light")
    }

    func testCountOptionOverridesTheScene() throws {
        let scenePath = try writeScene(SceneText(count: 8).yaml)
        let out = outputPath()

        let generated = try run(["generate", scenePath, "-o", out, "--count", "3", "--quiet"])
        XCTAssertEqual(generated.status, 0, generated.transcript)
        XCTAssertTrue(generated.stdout.contains("3 samples"), generated.transcript)

        let file = try DatasetReader.summary(path: out)
        XCTAssertEqual(file.dataset("/images")?.shape, [3, 2, 16, 16])
        XCTAssertEqual(file.dataset("/noiseless")?.shape, [3, 2, 16, 16])
        XCTAssertEqual(file.dataset("/truth")?.shape, [3])
        XCTAssertEqual(file.attribute("count"), "3")
        XCTAssertEqual(file.attribute("command_line_overrides"), "count=3")
        XCTAssertEqual(try DatasetReader.readIntegers(path: out, dataset: "/samples/index"), [0, 1, 2])
        let splitTotal = ["train", "validation", "test"].compactMap { file.dataset("/splits/\($0)")?.shape.first }.reduce(0, +)
        XCTAssertEqual(splitTotal, 3, "every sample is in exactly one split")

        let inspected = try run(["inspect", out])
        XCTAssertEqual(inspected.status, 0, inspected.transcript)
        XCTAssertTrue(inspected.stdout.contains("[3, 2, 16, 16]"), inspected.transcript)

        // A larger count than the scene's works too.
        let more = try run(["generate", scenePath, "-o", outputPath("more.h5"), "--count", "11", "--quiet"])
        XCTAssertEqual(more.status, 0, more.transcript)
        XCTAssertEqual(try DatasetReader.summary(path: outputPath("more.h5")).dataset("/images")?.shape, [11, 2, 16, 16])
    }

    /// An existing file at the target is replaced by the finished dataset; nothing else remains.
    func testGenerateReplacesAnExistingFile() throws {
        let out = outputPath()
        try Data("an older dataset".utf8).write(to: URL(fileURLWithPath: out))
        let scenePath = try writeScene(SceneText(count: 4).yaml)
        let result = try run(["generate", scenePath, "-o", out, "--quiet"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(try DatasetReader.summary(path: out).dataset("/images")?.shape, [4, 2, 16, 16])
        XCTAssertEqual(entries(of: outputFolder), ["out.card", "out.h5", "out.md"])
    }

    /// A relative output path is taken relative to the working folder.
    func testRelativeOutputPath() throws {
        let scenePath = try writeScene(SceneText(count: 2).yaml)
        let result = try run(["generate", scenePath, "-o", "out/relative.h5", "--quiet"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(entries(of: outputFolder), ["relative.card", "relative.h5", "relative.md"])
        let inspected = try run(["inspect", "out/relative.h5"])
        XCTAssertEqual(inspected.status, 0, inspected.transcript)
        XCTAssertTrue(inspected.stdout.contains("[2, 2, 16, 16]"), inspected.transcript)
    }

    /// `inspect` on something that is not a dataset fails with the path in the message.
    func testInspectRejectsNonDatasets() throws {
        let scenePath = try writeScene(SceneText().yaml)
        for path in [scenePath, outputPath("missing.h5")] {
            let result = try run(["inspect", path])
            XCTAssertNotEqual(result.status, 0, result.transcript)
            XCTAssertTrue(result.stderr.contains(path), result.transcript)
            XCTAssertEqual(result.stdout, "", result.transcript)
        }
    }

    func testTruthRowsAreJSONWhoseIndexIsTheRow() throws {
        let scenePath = try writeScene(SceneText(count: 10).yaml)
        let out = outputPath()
        let generated = try run(["generate", scenePath, "-o", out, "--quiet"])
        XCTAssertEqual(generated.status, 0, generated.transcript)

        let truth = try DatasetReader.readStrings(path: out, dataset: "/truth")
        XCTAssertEqual(truth.count, 10)
        let splitCodes = try DatasetReader.readIntegers(path: out, dataset: "/samples/split")
        let objectCounts = try DatasetReader.readIntegers(path: out, dataset: "/samples/object_count")
        for (row, text) in truth.enumerated() {
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let object = try XCTUnwrap(parsed as? [String: Any], "row \(row) is not a JSON object: \(text)")
            XCTAssertEqual((object["index"] as? NSNumber)?.intValue, row, "row \(row): \(text)")
            let split = try XCTUnwrap(object["split"] as? String, "row \(row): \(text)")
            XCTAssertEqual(["train": 0, "validation": 1, "test": 2][split].map(Int64.init), splitCodes[row], "row \(row)")
            let objects = try XCTUnwrap(object["objects"] as? [Any], "row \(row): \(text)")
            XCTAssertEqual(Int64(objects.count), objectCounts[row], "row \(row)")
            XCTAssertEqual((object["bands"] as? [Any])?.count, 2, "row \(row)")
        }
    }
}
