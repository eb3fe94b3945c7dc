/// Golden-file regression: every scene in `Scenes/` has a small golden dataset in `Validation/golden/` with its
/// provenance; the test regenerates each with the recorded command and compares it with `DatasetComparer` —
/// truth and labels exactly, pixels within the recorded tolerance.
///
/// A scene without a golden fails. Re-recording is explicit: with `SKYSYNTH_RECORD_GOLDEN=1` the test (re)writes
/// every golden `.h5` and `.json` and then fails on purpose, so a recording run never passes.
import Foundation
import SkyDataset
import SkyTestSupport
import XCTest

final class GoldenFileTests: XCTestCase {
    private var isRecording: Bool { ProcessInfo.processInfo.environment["SKYSYNTH_RECORD_GOLDEN"] == "1" }

    /// A fresh temporary folder, removed when the test ends.
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skysynth-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testEverySceneReproducesItsGoldenFile() throws {
        let binary = try SkySynthBinary.locate()
        let scenes = try GoldenPaths.sceneFiles()
        XCTAssertFalse(scenes.isEmpty, "no scene files in \(GoldenPaths.absolute(GoldenPaths.scenesFolder).path)")
        if isRecording {
            for scene in scenes { try record(scene, binary: binary) }
            XCTFail("recorded \(scenes.count) golden file\(scenes.count == 1 ? "" : "s") in \(GoldenPaths.goldenFolder) "
                    + "(\(scenes.map(GoldenPaths.stem).joined(separator: ", "))); unset SKYSYNTH_RECORD_GOLDEN and rerun")
            return
        }
        let folder = try temporaryFolder()
        for scene in scenes {
            let stem = GoldenPaths.stem(scene)
            let scenePath = "\(GoldenPaths.scenesFolder)/\(scene)"
            let goldenPath = GoldenPaths.golden(stem), provenancePath = GoldenPaths.provenance(stem)
            let missing = [goldenPath, provenancePath].filter {
                !FileManager.default.fileExists(atPath: GoldenPaths.absolute($0).path)
            }
            guard missing.isEmpty else {
                XCTFail("\(scenePath) has no golden file (missing \(missing.joined(separator: " and "))); to record it, \(GoldenPaths.recordHint)")
                continue
            }
            let provenance: GoldenProvenance
            do {
                provenance = try GoldenProvenance.read(stem)
            } catch {
                XCTFail("\(provenancePath) does not read: \(error); to re-record, \(GoldenPaths.recordHint)")
                continue
            }
            let fresh = folder.appendingPathComponent("\(stem).h5").path
            let result = try ProgramRunner.run(binary, provenance.generateArguments + ["-o", fresh, "--quiet"])
            guard result.status == 0 else {
                XCTFail("regenerating \(scenePath) failed:\n\(result.transcript)")
                continue
            }
            let report = try DatasetComparer.compare(fresh, against: GoldenPaths.absolute(goldenPath).path,
                                                     tolerance: provenance.tolerance)
            if report.passed {
                print("golden \(stem): \(report.summary)" + report.notes.map { "\n  note: \($0)" }.joined())
            } else {
                XCTFail("""
                    \(scenePath) no longer reproduces \(goldenPath) (recorded at \(provenance.recordedAtCommit) with \
                    `\(provenance.generateCommand)`):
                    \(report.render())

                    \(report.summary)
                    If the change is intended, re-record: \(GoldenPaths.recordHint)
                    """)
            }
            try? FileManager.default.removeItem(atPath: fresh)
        }
    }

    func testEveryGoldenFileHasASceneAndItsProvenance() throws {
        if isRecording { throw XCTSkip("recording run: SKYSYNTH_RECORD_GOLDEN=1") }
        let folder = GoldenPaths.absolute(GoldenPaths.goldenFolder)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let sceneStems = Set(try GoldenPaths.sceneFiles().map(GoldenPaths.stem))
        for entry in entries.sorted() where entry.hasSuffix(".h5") || entry.hasSuffix(".json") {
            let stem = GoldenPaths.stem(entry)
            guard sceneStems.contains(stem) else {
                XCTFail("\(GoldenPaths.goldenFolder)/\(entry) belongs to no scene in \(GoldenPaths.scenesFolder)/: delete it "
                        + "(or restore the scene)")
                continue
            }
            guard entry.hasSuffix(".json"), entries.contains("\(stem).h5") else { continue }
            let provenance = try GoldenProvenance.read(stem)
            let golden = GoldenPaths.absolute(GoldenPaths.golden(stem)).path
            let summary = try DatasetSummary.read(path: golden)
            let recorded: [(String, String, String?)] = [
                ("scene_sha256", provenance.sceneSHA256, summary.attribute("scene_sha256")),
                ("software_version", provenance.versions.skysynth, summary.attribute("software_version")),
                ("fftw_version", provenance.versions.fftw, summary.attribute("fftw_version")),
                ("gsl_version", provenance.versions.gsl, summary.attribute("gsl_version")),
                ("hdf5_version", provenance.versions.hdf5, summary.attribute("hdf5_version")),
                ("count", String(provenance.samples), summary.attribute("count")),
            ]
            for (name, inProvenance, inFile) in recorded {
                XCTAssertEqual(inProvenance, inFile, "\(stem).json records \(name) '\(inProvenance)', the golden file has "
                               + "'\(inFile ?? "nothing")'; to re-record, \(GoldenPaths.recordHint)")
            }
            let bytes = (try FileManager.default.attributesOfItem(atPath: golden)[.size] as? NSNumber)?.intValue
            XCTAssertEqual(provenance.fileBytes, bytes, "\(stem).json records another file size; to re-record, \(GoldenPaths.recordHint)")
            XCTAssertEqual(provenance.scene, "\(GoldenPaths.scenesFolder)/\(stem).yaml")
            XCTAssertEqual(provenance.generateArguments.prefix(2), ["generate", provenance.scene])
            XCTAssertFalse(provenance.generateArguments.contains("-o"), "the test adds -o itself")
            XCTAssertFalse(provenance.recordedAtCommit.isEmpty)
            XCTAssertNoThrow(try provenance.tolerance.validate())
        }
    }

    /// Regenerates `Validation/golden/<stem>.h5` and writes its provenance, keeping the arguments and tolerance of an
    /// existing provenance file (a scene's own tolerance survives re-recording).
    private func record(_ scene: String, binary: URL) throws {
        let stem = GoldenPaths.stem(scene)
        let scenePath = "\(GoldenPaths.scenesFolder)/\(scene)"
        let previous = try? GoldenProvenance.read(stem)
        let arguments = previous?.generateArguments ?? GoldenProvenance.defaultArguments(scene: scenePath)
        let tolerance = previous?.tolerance ?? .default
        let golden = GoldenPaths.golden(stem)
        try FileManager.default.createDirectory(at: GoldenPaths.absolute(GoldenPaths.goldenFolder), withIntermediateDirectories: true)
        let result = try ProgramRunner.run(binary, arguments + ["-o", golden, "--quiet"])
        guard result.status == 0 else { throw GoldenTestError("recording \(golden) failed:\n\(result.transcript)") }
        let path = GoldenPaths.absolute(golden).path
        let summary = try DatasetSummary.read(path: path)
        func attribute(_ name: String) -> String { summary.attribute(name) ?? "unknown" }
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        var check = "skysynth check NEW.h5 --against \(golden) --rtol \(tolerance.rtol)"
        if let atol = tolerance.atol { check += " --atol \(atol)" }
        let provenance = GoldenProvenance(
            scene: scenePath, sceneSHA256: attribute("scene_sha256"),
            recordedAtCommit: ProgramRunner.git(["rev-parse", "HEAD"]) ?? "unknown",
            workingTreeDirty: !(ProgramRunner.git(["status", "--porcelain"]) ?? "").isEmpty,
            versions: .init(skysynth: attribute("software_version"), fftw: attribute("fftw_version"),
                            gsl: attribute("gsl_version"), hdf5: attribute("hdf5_version")),
            generateArguments: arguments,
            generateCommand: (["skysynth"] + arguments + ["-o", golden]).joined(separator: " "),
            tolerance: tolerance, checkCommand: check,
            samples: Int(attribute("count")) ?? 0, fileBytes: bytes)
        try provenance.write(stem)
        print("recorded \(golden): \(bytes) bytes, \(provenance.samples) samples, at \(provenance.recordedAtCommit)")
    }
}
