/// Bad input to `skysynth generate`, on the built binary. Every case must exit non-zero, say on stderr
/// where the problem is (`FILE:LINE:COLUMN: FIELD:` for scene errors), what is allowed, and leave
/// nothing in the output folder: no dataset and no `.NAME.partial-PID` temporary file.
import Foundation
import XCTest

final class BadInputTests: CLITestCase {
    /// Generates from `sceneText` and checks the failure: status 1, one `error: FILE:LINE:COLUMN: FIELD: …` line
    /// with the location of `valueNeedle` on the first line containing `lineNeedle`, every fragment, the count line,
    /// and an empty output folder.
    private func assertSceneError(_ sceneText: String, lineNeedle: String, valueNeedle: String? = nil, field: String,
                                  fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let scenePath = try writeScene(sceneText, name: "bad.yaml")
        let result = try run(["generate", scenePath, "-o", outputPath(), "--quiet"], file: file, line: line)
        XCTAssertEqual(result.status, 1, result.transcript, file: file, line: line)
        XCTAssertEqual(result.reason, .exit, file: file, line: line)

        let lines = sceneText.components(separatedBy: "\n")
        guard let row = lines.firstIndex(where: { $0.contains(lineNeedle) }) else {
            return XCTFail("fixture has no line with '\(lineNeedle)'", file: file, line: line)
        }
        let text = lines[row]
        let needle = valueNeedle ?? lineNeedle
        guard let hit = text.range(of: needle) else {
            return XCTFail("fixture line '\(text)' has no '\(needle)'", file: file, line: line)
        }
        let column = text.distance(from: text.startIndex, to: hit.lowerBound) + 1
        let prefix = "error: \(scenePath):\(row + 1):\(column): \(field): "
        let errors = result.errorLines
        XCTAssertEqual(errors.count, 1, "expected exactly one error line\n\(result.transcript)", file: file, line: line)
        let error = errors.first { $0.hasPrefix(prefix) }
        XCTAssertNotNil(error, "no line starting with '\(prefix)'\n\(result.transcript)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error?.contains(fragment) == true, "error line lacks '\(fragment)'\n\(result.transcript)", file: file, line: line)
        }
        XCTAssertTrue(result.stderr.contains("1 problem in \(scenePath)"), result.transcript, file: file, line: line)
        XCTAssertFalse(result.stdout.contains("wrote"), result.transcript, file: file, line: line)
        XCTAssertEqual(entries(of: outputFolder), [], "the output folder must stay empty", file: file, line: line)
    }

    func testUnknownKey() throws {
        let scene = SceneText().replacing("count: 8\n", with: "count: 8\ncolour: red\n")
        try assertSceneError(scene, lineNeedle: "colour: red", valueNeedle: "colour", field: "colour",
                             fragments: ["unknown key 'colour'", "allowed keys here: name, seed, count, image, bands, objects"])
    }

    func testUnknownKeyInsideABand() throws {
        let scene = SceneText().replacing("    exposure_time: 60\n", with: "    exposure_time: 60\n    airmass: 1.2\n")
        try assertSceneError(scene, lineNeedle: "airmass", field: "bands[0].airmass",
                             fragments: ["unknown key 'airmass'", "zero_point", "exposure_time", "psf", "noise"])
    }

    func testWrongType() throws {
        let scene = SceneText().replacing("count: 8", with: "count: many")
        try assertSceneError(scene, lineNeedle: "count: many", valueNeedle: "many", field: "count",
                             fragments: ["expected a whole number", "1 ≤ count ≤ 100000000", "'many'"])
    }

    func testWrongTypeForPixelScale() throws {
        let scene = SceneText().replacing("pixel_scale: 0.2", with: "pixel_scale: \"0.2\"")
        try assertSceneError(scene, lineNeedle: "pixel_scale", valueNeedle: "\"0.2\"", field: "image.pixel_scale",
                             fragments: ["expected a number", "0 < pixel_scale ≤ 100"])
    }

    func testSersicIndexBelowRange() throws {
        let scene = SceneText(sersicN: "0.1").yaml
        try assertSceneError(scene, lineNeedle: "    n: 0.1", valueNeedle: "0.1", field: "objects[0].n",
                             fragments: ["0.1", "out of range", "0.3 ≤ n ≤ 6.2"])
    }

    func testSersicIndexDistributionReachingOutOfRange() throws {
        let scene = SceneText(sersicN: "{uniform: [1.0, 7.0]}").yaml
        try assertSceneError(scene, lineNeedle: "    n: {uniform", valueNeedle: "{uniform", field: "objects[0].n",
                             fragments: ["7", "0.3 ≤ n ≤ 6.2"])
    }

    func testNegativeRadius() throws {
        let scene = SceneText(halfLightRadius: "-0.5").yaml
        try assertSceneError(scene, lineNeedle: "half_light_radius: -0.5", valueNeedle: "-0.5", field: "objects[0].half_light_radius",
                             fragments: ["-0.5", "out of range", "half_light_radius > 0"])
    }

    func testUnknownBandInMagnitudeMapping() throws {
        let scene = SceneText().replacing("      r: {uniform: [19, 21]}\n", with: "      r: {uniform: [19, 21]}\n      z: 20.5\n")
        try assertSceneError(scene, lineNeedle: "      z: 20.5", valueNeedle: "z", field: "objects[0].magnitude.z",
                             fragments: ["'z'", "g, r"])
    }

    func testUnknownBandInRelativeTo() throws {
        let scene = SceneText().replacing("relative_to: r", with: "relative_to: z")
        try assertSceneError(scene, lineNeedle: "relative_to: z", valueNeedle: "z,", field: "objects[0].magnitude.g.relative_to",
                             fragments: ["unknown band 'z'", "g, r"])
    }

    func testFailedGenerateLeavesAnExistingTargetUntouched() throws {
        let old = Data("an older dataset".utf8)
        try old.write(to: URL(fileURLWithPath: outputPath()))
        let scenePath = try writeScene(SceneText(sersicN: "0.1").yaml)
        let result = try run(["generate", scenePath, "-o", outputPath(), "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: outputPath())), old)
        XCTAssertEqual(entries(of: outputFolder), ["out.h5"])
    }

    func testMissingSceneFile() throws {
        let missing = sceneFolder.appendingPathComponent("does-not-exist.yaml").path
        let result = try run(["generate", missing, "-o", outputPath(), "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stderr.contains(missing), "the message must name the scene path\n\(result.transcript)")
        XCTAssertTrue(result.stderr.contains("no such scene file"), result.transcript)
        XCTAssertEqual(entries(of: outputFolder), [])

        let validated = try run(["validate", missing])
        XCTAssertEqual(validated.status, 1, validated.transcript)
        XCTAssertTrue(validated.stderr.contains(missing), validated.transcript)
    }

    func testOutputFolderDoesNotExist() throws {
        let scenePath = try writeScene(SceneText().yaml)
        let target = workFolder.appendingPathComponent("no/such/dir/out.h5").path
        let result = try run(["generate", scenePath, "-o", target, "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stderr.contains(target), "the message must name the output path\n\(result.transcript)")
        XCTAssertTrue(result.stderr.contains("does not exist"), result.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workFolder.appendingPathComponent("no").path),
                       "generate must not create missing folders")
        XCTAssertFalse(entries(of: workFolder).contains { $0.contains("partial") }, "\(entries(of: workFolder))")
        XCTAssertEqual(entries(of: outputFolder), [])
    }

    func testOutputIsAnExistingFolder() throws {
        let scenePath = try writeScene(SceneText().yaml)
        let folder = outputFolder.appendingPathComponent("dataset.h5", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let result = try run(["generate", scenePath, "-o", folder.path, "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stderr.contains(folder.path), "the message must name the output path\n\(result.transcript)")
        XCTAssertTrue(result.stderr.contains("folder"), result.transcript)
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertEqual(entries(of: folder), [], "the folder must be left alone")
        XCTAssertEqual(entries(of: outputFolder), ["dataset.h5"], "no temporary file may remain")
    }

    /// `-o missing-dir/` (a trailing slash, nothing there) must be rejected by the up-front output check,
    /// not after rendering the whole dataset into `.missing-dir.partial-PID` and failing to rename it.
    func testOutputPathEndingInSlashIsRejectedBeforeRendering() throws {
        let scenePath = try writeScene(SceneText().yaml)
        let target = outputFolder.path + "/missing-dir/"
        let result = try run(["generate", scenePath, "-o", target, "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stderr.contains(target), "the message must name the output path\n\(result.transcript)")
        XCTAssertEqual(entries(of: outputFolder), [], "no dataset and no temporary file may remain")
        XCTAssertTrue(result.stderr.contains("cannot write \(target)"),
                      "expected the early output check ('cannot write PATH: …'), not a failure after rendering\n\(result.transcript)")
    }

    /// `-o ""` must be rejected up front; it must not render into a temporary file in the PARENT of the
    /// working folder (`../.<cwd name>.partial-PID`) and fail only at the final rename.
    func testEmptyOutputPathIsRejectedBeforeRendering() throws {
        let scenePath = try writeScene(SceneText().yaml)
        let result = try run(["generate", scenePath, "-o", "", "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        let parent = workFolder.deletingLastPathComponent()
        let stray = entries(of: parent).filter { $0.hasPrefix(".\(workFolder.lastPathComponent).partial") }
        XCTAssertEqual(stray, [], "temporary files left in \(parent.path)")
        XCTAssertEqual(entries(of: outputFolder), [])
        XCTAssertTrue(result.stderr.contains("cannot write"),
                      "expected the early output check ('cannot write …'), not a failure after rendering\n\(result.transcript)")
    }

    func testOutOfRangeOptions() throws {
        let scenePath = try writeScene(SceneText().yaml)
        let cases: [([String], [String])] = [
            (["--count", "0"], ["--count", "1", "100000000", "0"]),
            (["--jobs", "0"], ["--jobs", "1", "256", "0"]),
            (["--jobs", "1000"], ["--jobs", "1", "256", "1000"]),
        ]
        for (options, fragments) in cases {
            let result = try run(["generate", scenePath, "-o", outputPath(), "--quiet"] + options)
            XCTAssertNotEqual(result.status, 0, result.transcript)
            for fragment in fragments { XCTAssertTrue(result.stderr.contains(fragment), "lacks '\(fragment)'\n\(result.transcript)") }
            XCTAssertEqual(entries(of: outputFolder), [], result.transcript)
        }
    }
}
