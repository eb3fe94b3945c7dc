/// Interrupting `skysynth generate` (SIGINT as from Ctrl-C, and SIGTERM) on the built binary: the run
/// stops with a non-zero status and leaves neither the target nor its `.NAME.partial-PID` temporary file.
///
/// The scene is large enough (64×64 stamps, 400 samples, n fixed) to run for several seconds; the signal is
/// sent once the temporary file exists, i.e. while rendering is under way.
import Foundation
import XCTest

final class InterruptTests: CLITestCase {
    private func interruptMidRun(_ send: (Process) -> Void, signalName: String) throws {
        let scenePath = try writeScene(SceneText(count: 400, size: 64).yaml, name: "big.yaml")
        let target = outputPath("big.h5")
        let running = try start(["generate", scenePath, "-o", target, "--jobs", "2"])
        let partial = outputFolder.appendingPathComponent(".big.h5.partial-\(running.process.processIdentifier)").path

        // Wait (≤ 10 s) for the temporary file, then give rendering about a second more.
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: partial) && running.process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: partial),
                      "the temporary file \(partial) never appeared; folder holds \(entries(of: outputFolder))")
        Thread.sleep(forTimeInterval: 1.0)
        XCTAssertTrue(running.process.isRunning, "the run finished before the \(signalName) was sent; make the scene bigger")
        send(running.process)
        let result = try running.finish(timeout: 30)

        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertEqual(result.reason, .exit, "skysynth should catch \(signalName), clean up and exit\n\(result.transcript)")
        XCTAssertEqual(result.status, 130, result.transcript)
        XCTAssertTrue(result.stderr.contains("interrupted"), result.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "the target exists after \(signalName)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial), "the temporary file remains after \(signalName)")
        XCTAssertEqual(entries(of: outputFolder), [], "nothing may remain in the output folder")
    }

    func testSIGINTRemovesTheUnfinishedDataset() throws {
        try interruptMidRun({ $0.interrupt() }, signalName: "SIGINT")
    }

    func testSIGTERMRemovesTheUnfinishedDataset() throws {
        try interruptMidRun({ $0.terminate() }, signalName: "SIGTERM")
    }
}
