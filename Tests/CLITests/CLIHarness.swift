/// Shared machinery for the end-to-end tests of the `skysynth` command line.
///
/// The tests run the BUILT `skysynth` executable with `Foundation.Process`, exactly as a user would,
/// and look at its exit status, stdout, stderr and the files it leaves behind.
///
/// Locating the binary:
/// 1. `$SKYSYNTH_BINARY`, if set (an explicit override; must be an executable file);
/// 2. otherwise the SwiftPM products folder of the running test bundle: among the folders of
///    `Bundle.main.executableURL`, `CommandLine.arguments[0]`, `Bundle(for:)` and up to three parents of each
///    (covers Linux `<scratch>/debug/SkySynthPackageTests.xctest` and macOS `…/X.xctest/Contents/MacOS/X`),
///    the ones holding a `*.xctest` entry; `skysynth` must be there, else the tests fail saying so
///    (no silent fallback to another, possibly stale, scratch folder);
/// 3. only when no such products folder exists: walk up from this source file to the package root and take
///    the newest `.build*/debug/skysynth` (or `.build*/<triple>/debug/skysynth`).
/// When nothing is found every test fails with the list of places searched.
///
/// Scenes are written as YAML text into a fresh temporary folder per test; they are tiny
/// (16×16 stamps, 2 bands, Gaussian PSFs, one Sérsic with n fixed at 1.0 plus a star) so a debug build
/// runs each in a fraction of a second.
import Foundation
import SkyTestSupport
import XCTest

/// What one run of the executable produced.
struct CLIResult {
    var arguments: [String]
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String

    /// Everything a failed assertion should show.
    var transcript: String {
        "skysynth \(arguments.joined(separator: " "))\n--- status \(status) (\(reason == .exit ? "exit" : "signal"))\n"
            + "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }

    /// The lines of stderr starting with "error:".
    var errorLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { $0.hasPrefix("error:") }
    }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A scene YAML text; the defaults give a tiny, quick, valid scene.
struct SceneText {
    var name = "clitest-scene"
    var seed: UInt64 = 424242
    var count = 8
    var size = 16
    var sersicN = "1.0"
    var halfLightRadius = "0.5"
    var noiseless = true

    var yaml: String {
        """
        name: \(name)
        description: A tiny two-band scene for the command-line tests.
        seed: \(seed)
        count: \(count)
        splits: {train: 0.5, validation: 0.25, test: 0.25}
        image: {size: [\(size), \(size)], pixel_scale: 0.2}
        output: {noiseless: \(noiseless)}
        bands:
          - name: g
            zero_point: 28.0
            exposure_time: 60
            sky: {magnitude: 22.0}
            psf: {type: gaussian, fwhm: 0.8}
            noise: {type: ccd, gain: 1.5, read_noise: 5.0}
          - name: r
            zero_point: 28.0
            exposure_time: 60
            sky: {magnitude: 21.5}
            psf: {type: gaussian, fwhm: 0.7}
            noise: {type: ccd, gain: 1.0, read_noise: 4.0}
        objects:
          - type: sersic
            n: \(sersicN)
            half_light_radius: \(halfLightRadius)
            q: {uniform: [0.4, 1.0]}
            beta: {uniform: [0, 180]}
            offset: {uniform: [-0.3, 0.3]}
            magnitude:
              r: {uniform: [19, 21]}
              g: {relative_to: r, normal: {mean: 0.5, sigma: 0.1}}
          - type: star
            count: {choice: [0, 1]}
            offset: {uniform: [-1, 1]}
            magnitude: {uniform: [20, 22]}

        """
    }

    /// `yaml` with the first occurrence of `old` replaced by `new` (the test fails if `old` is absent).
    func replacing(_ old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let text = yaml
        guard let range = text.range(of: old) else {
            XCTFail("fixture text has no '\(old)'", file: file, line: line)
            return text
        }
        return text.replacingCharacters(in: range, with: new)
    }
}

/// 1-based line and column of the first `needle` in `text` (ASCII text), as the scene loader reports them.
func location(of needle: String, in text: String) -> (line: Int, column: Int)? {
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
        if let range = line.range(of: needle) {
            return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
    }
    return nil
}

/// Base class: a private temporary folder per test, scene writing, and running the binary.
class CLITestCase: XCTestCase {
    /// Fresh per test, removed afterwards.
    private(set) var workFolder: URL!
    /// Where the tests write scene files (kept apart from outputs so output folders can be checked for strays).
    private(set) var sceneFolder: URL!
    /// Where the tests write datasets.
    private(set) var outputFolder: URL!
    private(set) var binary: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        binary = try SkySynthBinary.locate()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("skysynth-clitests-\(UUID().uuidString)", isDirectory: true)
        sceneFolder = folder.appendingPathComponent("scenes", isDirectory: true)
        outputFolder = folder.appendingPathComponent("out", isDirectory: true)
        try FileManager.default.createDirectory(at: sceneFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        workFolder = folder
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    }

    /// Writes `text` as scene file `name` and returns its path.
    func writeScene(_ text: String, name: String = "scene.yaml") throws -> String {
        let url = sceneFolder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Path of output file `name` in the output folder.
    func outputPath(_ name: String = "out.h5") -> String {
        outputFolder.appendingPathComponent(name).path
    }

    /// Every entry of `folder`, hidden ones included, sorted.
    func entries(of folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// Starts the binary with stdout/stderr going to files; call `finish` to collect the result.
    /// `path`, when given, replaces PATH (everything else of the environment is inherited).
    func start(_ arguments: [String], path: String? = nil) throws -> RunningCLI {
        let logs = workFolder.appendingPathComponent("logs-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let outURL = logs.appendingPathComponent("stdout"), errURL = logs.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = workFolder
        if let path {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = path
            process.environment = environment
        }
        process.standardInput = FileHandle.nullDevice
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        return RunningCLI(process: process, arguments: arguments, exited: exited, handles: [out, err], stdoutURL: outURL, stderrURL: errURL)
    }

    /// Runs the binary to completion (failing and killing it after `timeout` seconds).
    func run(_ arguments: [String], timeout: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try start(arguments).finish(timeout: timeout, file: file, line: line)
    }
}

/// A started `skysynth` process.
struct RunningCLI {
    let process: Process
    let arguments: [String]
    let exited: DispatchSemaphore
    let handles: [FileHandle]
    let stdoutURL: URL
    let stderrURL: URL

    /// Waits for the exit and collects status and output.
    func finish(timeout: TimeInterval, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            XCTFail("skysynth \(arguments.joined(separator: " ")) did not finish within \(timeout) s", file: file, line: line)
        }
        process.waitUntilExit()
        for handle in handles { try? handle.close() }
        let stdout = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        return CLIResult(arguments: arguments, status: process.terminationStatus, reason: process.terminationReason,
                         stdout: stdout, stderr: stderr)
    }
}
