/// Determinism of `skysynth generate` on the built binary: the same scene gives byte-identical files
/// run after run and for any `--jobs`, while `--seed` changes the images.
import Foundation
import SkyDataset
import XCTest

final class DeterminismTests: CLITestCase {
    /// Generates `scenePath` into output file `name` with `extra` options; fails the test on a non-zero exit.
    private func generate(_ scenePath: String, _ name: String, _ extra: [String] = [],
                          file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let result = try run(["generate", scenePath, "-o", outputPath(name), "--quiet"] + extra, file: file, line: line)
        XCTAssertEqual(result.status, 0, result.transcript, file: file, line: line)
        return try Data(contentsOf: URL(fileURLWithPath: outputPath(name)))
    }

    func testSameSceneTwiceGivesIdenticalBytes() throws {
        let scenePath = try writeScene(SceneText(count: 12, size: 24).yaml)
        let first = try generate(scenePath, "first.h5")
        let second = try generate(scenePath, "second.h5")
        XCTAssertGreaterThan(first.count, 0)
        XCTAssertTrue(first == second, "two runs of the same scene differ (\(first.count) vs \(second.count) bytes)")
    }

    func testJobCountDoesNotChangeTheFile() throws {
        let scenePath = try writeScene(SceneText(count: 12, size: 24).yaml)
        let one = try generate(scenePath, "jobs1.h5", ["--jobs", "1"])
        let two = try generate(scenePath, "jobs2.h5", ["--jobs", "2"])
        let three = try generate(scenePath, "jobs3.h5", ["--jobs", "3"])
        XCTAssertTrue(one == two, "--jobs 1 and --jobs 2 give different files")
        XCTAssertTrue(one == three, "--jobs 1 and --jobs 3 give different files")
        // More samples than one rendering batch (16 for ≤ 2 jobs, 24 for 3), so batches are stitched in order too.
        let oneLong = try generate(scenePath, "jobs1-long.h5", ["--jobs", "1", "--count", "30"])
        let threeLong = try generate(scenePath, "jobs3-long.h5", ["--jobs", "3", "--count", "30"])
        XCTAssertTrue(oneLong == threeLong, "--jobs 1 and --jobs 3 differ with 30 samples (several batches)")
        let fiveLong = try generate(scenePath, "jobs5-long.h5", ["--jobs", "5", "--count", "30"])
        XCTAssertTrue(oneLong == fiveLong, "--jobs 1 and --jobs 5 differ with 30 samples")
    }

    func testSeedOptionChangesTheImages() throws {
        let scene = SceneText(seed: 1234, count: 6)
        let scenePath = try writeScene(scene.yaml)
        let plain = try generate(scenePath, "plain.h5")
        let reseeded = try generate(scenePath, "reseeded.h5", ["--seed", "99"])
        let sameSeed = try generate(scenePath, "same-seed.h5", ["--seed", "1234"])
        XCTAssertFalse(plain == reseeded, "--seed 99 gave the same file as the scene's seed 1234")

        let reseededSummary = try DatasetReader.summary(path: outputPath("reseeded.h5"))
        XCTAssertEqual(reseededSummary.attribute("seed"), "99")
        XCTAssertEqual(reseededSummary.attribute("command_line_overrides"), "seed=99")
        XCTAssertEqual(try DatasetReader.summary(path: outputPath("plain.h5")).attribute("seed"), "1234")
        for sample in 0..<6 {
            let a = try DatasetReader.readFloatImages(path: outputPath("plain.h5"), sample: sample)
            let b = try DatasetReader.readFloatImages(path: outputPath("reseeded.h5"), sample: sample)
            XCTAssertNotEqual(a, b, "sample \(sample): the images do not depend on --seed")
        }
        XCTAssertNotEqual(try DatasetReader.readStrings(path: outputPath("plain.h5"), dataset: "/truth"),
                          try DatasetReader.readStrings(path: outputPath("reseeded.h5"), dataset: "/truth"))

        // Passing the scene's own seed explicitly changes only the recorded override, not the data.
        XCTAssertEqual(try DatasetReader.summary(path: outputPath("same-seed.h5")).attribute("command_line_overrides"), "seed=1234")
        for sample in 0..<6 {
            XCTAssertEqual(try DatasetReader.readFloatImages(path: outputPath("plain.h5"), sample: sample),
                           try DatasetReader.readFloatImages(path: outputPath("same-seed.h5"), sample: sample), "sample \(sample)")
        }
        XCTAssertGreaterThan(sameSeed.count, 0)

        // The inspect output reports the overriding seed.
        let inspected = try run(["inspect", outputPath("reseeded.h5")])
        XCTAssertEqual(inspected.status, 0, inspected.transcript)
        XCTAssertTrue(inspected.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("seed") && $0.hasSuffix(" 99") },
                      inspected.transcript)
    }
}
