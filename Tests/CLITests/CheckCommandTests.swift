/// `skysynth check NEW --against GOLDEN` on the built binary: two runs of one scene pass with a table; another seed,
/// a missing file or bad options fail with a clear message.
import Foundation
import XCTest

final class CheckCommandTests: CLITestCase {
    /// Generates `scenePath` into output file `name` and returns its path.
    private func generate(_ scenePath: String, _ name: String, _ extra: [String] = []) throws -> String {
        let path = outputPath(name)
        let result = try run(["generate", scenePath, "-o", path, "--quiet", "--no-card"] + extra)
        XCTAssertEqual(result.status, 0, result.transcript)
        return path
    }

    func testTwoRunsOfOneScenePassWithATable() throws {
        let scenePath = try writeScene(SceneText(count: 4, size: 16).yaml)
        let golden = try generate(scenePath, "golden.h5", ["--jobs", "1"])
        let new = try generate(scenePath, "new.h5", ["--jobs", "2"])
        let result = try run(["check", new, "--against", golden])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(result.errorLines, [], result.transcript)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("dataset ") }, result.transcript)
        for column in ["elements", "max |Δ|", "where", "max |Δ|/peak", "verdict"] {
            XCTAssertTrue(header.contains(column), header)
        }
        for dataset in ["/images", "/noiseless", "/truth", "/objects/flux", "/samples/split", "/splits/train"] {
            let row = try XCTUnwrap(lines.first { $0.hasPrefix(dataset + " ") }, "no row for \(dataset)\n\(result.transcript)")
            XCTAssertTrue(row.hasSuffix("  ok"), row)
        }
        let imagesRow = try XCTUnwrap(lines.first { $0.hasPrefix("/images ") })
        XCTAssertTrue(imagesRow.contains(" \(4 * 2 * 16 * 16) "), imagesRow)
        XCTAssertTrue(result.stdout.contains("tolerance /images: |Δ| ≤ "), result.transcript)
        XCTAssertTrue(lines.last?.hasPrefix("check passed: ") == true, result.transcript)
    }

    func testAnotherSeedFails() throws {
        let scenePath = try writeScene(SceneText(count: 4, size: 16).yaml)
        let golden = try generate(scenePath, "golden.h5")
        let new = try generate(scenePath, "new.h5", ["--seed", "7"])
        let result = try run(["check", new, "--against", golden])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertTrue(result.stdout.contains("scene mismatch: seed: new '7', golden '424242'"), result.transcript)
        XCTAssertEqual(result.errorLines.count, 1, result.transcript)
        let error = result.errorLines.first ?? ""
        XCTAssertTrue(error.hasPrefix("error: check failed: scene mismatch (seed)"), error)
        XCTAssertTrue(error.contains("/images ("), "pixels differ too: \(error)")
        XCTAssertTrue(error.contains("/truth ("), "truth differs too: \(error)")
    }

    func testExplicitToleranceOptions() throws {
        let scenePath = try writeScene(SceneText(count: 2, size: 16).yaml)
        let golden = try generate(scenePath, "golden.h5")
        let new = try generate(scenePath, "new.h5")
        let result = try run(["check", new, "--against", golden, "--rtol", "0", "--atol", "0"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stdout.contains("rtol 0, atol 0"), result.transcript)
        let negative = try run(["check", new, "--against", golden, "--atol", "-1"])
        XCTAssertEqual(negative.status, 64, negative.transcript)
    }

    func testUnreadableFilesFailWithAMessage() throws {
        let scenePath = try writeScene(SceneText(count: 2, size: 16).yaml)
        let golden = try generate(scenePath, "golden.h5")
        let missing = outputPath("missing.h5")
        let result = try run(["check", missing, "--against", golden])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertEqual(result.errorLines, ["error: cannot read \(missing): no such file"], result.transcript)
        XCTAssertEqual(result.stdout, "", result.transcript)

        let garbage = outputPath("garbage.h5")
        try Data("not an HDF5 file\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try run(["check", golden, "--against", garbage])
        XCTAssertEqual(bad.status, 1, bad.transcript)
        XCTAssertTrue(bad.errorLines.first?.hasPrefix("error: cannot read \(garbage): not an HDF5 file") == true, bad.transcript)
    }
}
