/// Machinery for the golden-file tests: the package's folders, the provenance file next to each golden dataset,
/// and running the built `skysynth` binary.
///
/// The binary is located exactly as `Tests/CLITests/CLIHarness.swift` does (test targets cannot share files):
/// `$SKYSYNTH_BINARY` if set; else the SwiftPM products folder holding the running test bundle (`skysynth` must be
/// there, no silent fallback to another build); only when no such folder exists, the newest
/// `<package>/.build*/debug/skysynth`.
import Foundation
import SkyDataset
import XCTest

/// The package's folders.
enum GoldenPaths {
    /// The package root: the first folder above this source file holding Package.swift.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// `Scenes/`, relative to the root (as recorded in the provenance).
    static let scenesFolder = "Scenes"
    /// `Validation/golden/`, relative to the root.
    static let goldenFolder = "Validation/golden"

    /// The scene files in `Scenes/` (`.yaml` or `.yml`), sorted by name.
    static func sceneFiles() throws -> [String] {
        let folder = root.appendingPathComponent(scenesFolder)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
    }

    /// File name without its extension: "quickstart" for "quickstart.yaml".
    static func stem(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    /// `Validation/golden/<stem>.h5`, relative to the root.
    static func golden(_ stem: String) -> String { "\(goldenFolder)/\(stem).h5" }
    /// `Validation/golden/<stem>.json`, relative to the root.
    static func provenance(_ stem: String) -> String { "\(goldenFolder)/\(stem).json" }

    /// Absolute URL of a path relative to the root.
    static func absolute(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// How to (re)record, for failure messages.
    static let recordHint = "run `SKYSYNTH_RECORD_GOLDEN=1 swift test --filter GoldenTests` (it records every golden and "
        + "fails on purpose), then unset SKYSYNTH_RECORD_GOLDEN, rerun, and commit Validation/golden/ "
        + "(see Validation/golden/README.md)"
}

/// `Validation/golden/<stem>.json`: where a golden file came from and how to check against it.
struct GoldenProvenance: Codable, Equatable {
    struct Versions: Codable, Equatable {
        var skysynth: String
        var fftw: String
        var gsl: String
        var hdf5: String
    }

    /// The scene file, relative to the package root.
    var scene: String
    /// SHA-256 of the scene file when recorded (the golden's `scene_sha256` attribute).
    var sceneSHA256: String
    /// `git rev-parse HEAD` when recorded.
    var recordedAtCommit: String
    /// True when the working tree had uncommitted changes when recorded (`git status --porcelain` not empty).
    var workingTreeDirty: Bool
    /// Read from the golden file's attributes.
    var versions: Versions
    /// `skysynth` arguments that made the golden, without `-o` (the test adds `-o <temp> --quiet`).
    var generateArguments: [String]
    /// The full command, for people: `skysynth generate Scenes/x.yaml --count 3 --no-card -o Validation/golden/x.h5`.
    var generateCommand: String
    /// Tolerance for the pixels; truth and labels are always compared exactly.
    var tolerance: ComparisonTolerance
    /// The command a person runs to check a fresh file against the golden.
    var checkCommand: String
    /// Samples in the golden file.
    var samples: Int
    /// Size of the golden file in bytes.
    var fileBytes: Int

    enum CodingKeys: String, CodingKey {
        case scene
        case sceneSHA256 = "scene_sha256"
        case recordedAtCommit = "recorded_at_commit"
        case workingTreeDirty = "working_tree_dirty"
        case versions
        case generateArguments = "generate_arguments"
        case generateCommand = "generate_command"
        case tolerance
        case checkCommand = "check_command"
        case samples
        case fileBytes = "file_bytes"
    }

    /// Arguments for a new scene: three samples, no dataset card (the card is not part of the .h5).
    static func defaultArguments(scene: String) -> [String] {
        ["generate", scene, "--count", "3", "--no-card"]
    }

    /// Reads `Validation/golden/<stem>.json`.
    static func read(_ stem: String) throws -> GoldenProvenance {
        let data = try Data(contentsOf: GoldenPaths.absolute(GoldenPaths.provenance(stem)))
        return try JSONDecoder().decode(GoldenProvenance.self, from: data)
    }

    /// Writes `Validation/golden/<stem>.json` (pretty, sorted keys, final newline).
    func write(_ stem: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(contentsOf: Array("\n".utf8))
        try data.write(to: GoldenPaths.absolute(GoldenPaths.provenance(stem)), options: .atomic)
    }
}

/// What one run of a program produced.
struct ProgramResult {
    var command: String
    var status: Int32
    var stdout: String
    var stderr: String

    var transcript: String { "\(command)\n--- status \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
}

struct GoldenTestError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Runs programs with the package root as working directory, output captured in files (no pipe deadlocks).
enum ProgramRunner {
    /// Runs `executable arguments`, killing it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 900) throws -> ProgramResult {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("skysynth-golden-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        let outURL = logs.appendingPathComponent("stdout"), errURL = logs.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = GoldenPaths.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let command = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            throw GoldenTestError("\(command) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return ProgramResult(command: command, status: process.terminationStatus,
                             stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                             stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// `git args` in the package root, trimmed stdout; nil when git fails or is missing.
    static func git(_ arguments: [String]) -> String? {
        guard let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, timeout: 60),
              result.status == 0 else { return nil }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

