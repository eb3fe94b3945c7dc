/// `generate --shard K/N` and `merge` on the built binary: the union of the shards is the single-process run,
/// bit for bit; broken sets of parts are refused with a message naming the part, and nothing is written.
import Foundation
import SkyDataset
import XCTest

final class ShardMergeTests: CLITestCase {
    /// Runs `skysynth` and asserts it succeeded.
    @discardableResult
    private func succeed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let result = try run(arguments, file: file, line: line)
        XCTAssertEqual(result.status, 0, result.transcript, file: file, line: line)
        return result
    }

    /// Generates the N parts of `scenePath` as part-K.h5 and returns their paths.
    private func makeParts(_ scenePath: String, shards: Int, extra: [String] = []) throws -> [String] {
        try (0..<shards).map { k in
            let path = outputPath("part-\(k).h5")
            try succeed(["generate", scenePath, "--shard", "\(k)/\(shards)", "-o", path, "--quiet"] + extra)
            return path
        }
    }

    private func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testThreeShardsMergedEqualOneRunByteForByte() throws {
        let scenePath = try writeScene(SceneText(count: 11, size: 16).yaml)
        try succeed(["generate", scenePath, "-o", outputPath("single.h5"), "--quiet"])
        let parts = try makeParts(scenePath, shards: 3)
        try succeed(["merge", parts[2], parts[0], parts[1], "-o", outputPath("merged.h5"), "--quiet"])
        XCTAssertTrue(try bytes(outputPath("single.h5")) == bytes(outputPath("merged.h5")),
                      "3 shards + merge differ from the single-process file")
        // The parts hold 3, 4 and 4 samples (floor(K·11/3)).
        XCTAssertEqual(try DatasetReader.readIntegers(path: parts[1], dataset: "/samples/index"), [3, 4, 5, 6])
    }

    func testOneShardMergedEqualsOneRunAndCountOverridesCarryThrough() throws {
        let scenePath = try writeScene(SceneText(count: 8, size: 16).yaml)
        try succeed(["generate", scenePath, "-o", outputPath("single.h5"), "--count", "5", "--quiet"])
        let parts = try makeParts(scenePath, shards: 1, extra: ["--count", "5"])
        try succeed(["merge", parts[0], "-o", outputPath("merged.h5"), "--quiet"])
        XCTAssertTrue(try bytes(outputPath("single.h5")) == bytes(outputPath("merged.h5")))
    }

    func testVirtualMergeReadsTheSameImagesAndLabels() throws {
        let scenePath = try writeScene(SceneText(count: 7, size: 16).yaml)
        try succeed(["generate", scenePath, "-o", outputPath("single.h5"), "--quiet"])
        let parts = try makeParts(scenePath, shards: 2)
        let result = try succeed(["merge", parts[0], parts[1], "-o", outputPath("virtual.h5"), "--virtual", "--quiet"])
        XCTAssertTrue(result.stdout.contains("referenced"), result.transcript)
        for sample in 0..<7 {
            for dataset in ["/images", "/noiseless"] {
                XCTAssertEqual(try DatasetReader.readFloatImages(path: outputPath("virtual.h5"), sample: sample, dataset: dataset),
                               try DatasetReader.readFloatImages(path: outputPath("single.h5"), sample: sample, dataset: dataset),
                               "\(dataset) sample \(sample)")
            }
        }
        XCTAssertEqual(try DatasetReader.readStrings(path: outputPath("virtual.h5"), dataset: "/truth"),
                       try DatasetReader.readStrings(path: outputPath("single.h5"), dataset: "/truth"))
        XCTAssertEqual(try DatasetReader.readDoubles(path: outputPath("virtual.h5"), dataset: "/objects/flux"),
                       try DatasetReader.readDoubles(path: outputPath("single.h5"), dataset: "/objects/flux"))
    }

    func testInspectNamesTheShard() throws {
        let scenePath = try writeScene(SceneText(count: 6, size: 16).yaml)
        let parts = try makeParts(scenePath, shards: 3)
        let result = try succeed(["inspect", parts[1]])
        XCTAssertTrue(result.stdout.contains("shard         1/3: samples 2..<4 of 6"), result.transcript)
    }

    /// A refused merge exits 1, names the culprit, and leaves no output or temporary file.
    private func assertRefused(_ parts: [String], mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let target = outputPath("merged.h5")
        let before = entries(of: outputFolder)
        let result = try run(["merge"] + parts + ["-o", target, "--quiet"], file: file, line: line)
        XCTAssertEqual(result.status, 1, result.transcript, file: file, line: line)
        for text in mentions {
            XCTAssertTrue(result.stderr.contains(text), "stderr should mention '\(text)'\n\(result.transcript)", file: file, line: line)
        }
        XCTAssertEqual(entries(of: outputFolder), before, "a refused merge must write nothing", file: file, line: line)
    }

    func testMissingShardIsRefused() throws {
        let parts = try makeParts(try writeScene(SceneText(count: 6, size: 16).yaml), shards: 3)
        try assertRefused([parts[0], parts[2]], mentions: ["missing shard 1/3"])
    }

    func testDuplicatedShardIsRefused() throws {
        let parts = try makeParts(try writeScene(SceneText(count: 6, size: 16).yaml), shards: 3)
        try assertRefused([parts[0], parts[1], parts[1], parts[2]], mentions: ["both shard 1/3", parts[1]])
    }

    func testForeignPartIsRefused() throws {
        let scenePath = try writeScene(SceneText(count: 6, size: 16).yaml)
        let parts = try makeParts(scenePath, shards: 2)
        let foreign = outputPath("foreign.h5")
        try succeed(["generate", scenePath, "--shard", "1/2", "--seed", "7", "-o", foreign, "--quiet"])
        try assertRefused([parts[0], foreign], mentions: [foreign, "seed"])
        let otherSplit = outputPath("other-split.h5")
        try succeed(["generate", scenePath, "--shard", "1/3", "-o", otherSplit, "--quiet"])
        try assertRefused([parts[0], otherSplit], mentions: [otherSplit, "1/3"])
        let single = outputPath("single.h5")
        try succeed(["generate", scenePath, "-o", single, "--quiet"])
        try assertRefused([parts[0], single], mentions: [single, "not a shard"])
    }

    func testTruncatedPartIsRefused() throws {
        let parts = try makeParts(try writeScene(SceneText(count: 6, size: 16).yaml), shards: 2)
        let data = try bytes(parts[1])
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: parts[1]))
        try assertRefused(parts, mentions: [parts[1], "truncated"])
        try assertRefused([parts[0], outputPath("nothing-here.h5")], mentions: ["nothing-here.h5", "no such file"])
    }

    func testBadShardOptionIsRejected() throws {
        let scenePath = try writeScene(SceneText(count: 6, size: 16).yaml)
        for bad in ["3/3", "-1/2", "a/b", "1"] {
            let result = try run(["generate", scenePath, "--shard", bad, "-o", outputPath("x.h5"), "--quiet"])
            XCTAssertNotEqual(result.status, 0, result.transcript)
            XCTAssertTrue(result.stderr.contains("shard"), result.transcript)
            XCTAssertFalse(FileManager.default.fileExists(atPath: outputPath("x.h5")))
        }
    }
}
