/// `skysynth generate` with pixelised PSF kernels on the built binary: byte-identical files for any `--jobs`, the
/// kernel's provenance in the file, and a missing kernel file refused with its name, line and field.
import Foundation
import SkyDataset
import XCTest

final class KernelPSFDatasetTests: CLITestCase {
    /// A 2-D float64 .npy file (format 1.0) of a lopsided 11×11 kernel, written next to the scene.
    private func writeKernel(_ name: String) throws -> [UInt8] {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (11, 11), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
        for j in 0..<11 {
            for i in 0..<11 {
                let x = Double(i - 5) * 0.2 - 0.2, y = Double(j - 5) * 0.2
                let v = exp(-0.5 * (x * x + y * y) / 0.1) + 0.2 * exp(-0.5 * ((x - 0.5) * (x - 0.5) + y * y) / 0.03)
                withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 }
            }
        }
        let url = sceneFolder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return bytes
    }

    private func kernelScene(file: String = "psfs/k.npy") -> String {
        SceneText(count: 10, size: 24).yaml
            .replacingOccurrences(of: "psf: {type: gaussian, fwhm: 0.8}", with: "psf: {type: kernel, file: \(file)}")
            .replacingOccurrences(of: "psf: {type: gaussian, fwhm: 0.7}",
                                  with: "psf: {type: kernel, file: \(file), pixel_scale: 0.15, recentre: false}")
    }

    func testKernelSceneIsByteIdenticalForAnyJobsAndRecordsTheKernel() throws {
        _ = try writeKernel("psfs/k.npy")
        let scenePath = try writeScene(kernelScene())
        XCTAssertTrue(try String(contentsOfFile: scenePath, encoding: .utf8).contains("type: kernel, file: psfs/k.npy}"))
        let one = outputPath("jobs1.h5"), two = outputPath("jobs2.h5")
        let first = try run(["generate", scenePath, "-o", one, "--quiet", "--no-card", "--jobs", "1"])
        XCTAssertEqual(first.status, 0, first.transcript)
        let second = try run(["generate", scenePath, "-o", two, "--quiet", "--no-card", "--jobs", "2"])
        XCTAssertEqual(second.status, 0, second.transcript)
        let a = try Data(contentsOf: URL(fileURLWithPath: one)), b = try Data(contentsOf: URL(fileURLWithPath: two))
        XCTAssertGreaterThan(a.count, 0)
        XCTAssertTrue(a == b, "--jobs 1 and --jobs 2 give different files for a kernel scene")

        let summary = try DatasetReader.summary(path: one)
        let provenance = try XCTUnwrap(summary.attribute("psf_kernels"))
        XCTAssertTrue(provenance.contains("psfs/k.npy"), provenance)
        XCTAssertTrue(provenance.contains("\"recentre\":\"false\""), provenance)
        XCTAssertEqual(summary.dataset("/psf")?.shape, [2, 25, 25])
        XCTAssertEqual(summary.dataset("/samples/psf_fwhm")?.shape, [10, 2])
    }

    func testMissingKernelFileIsRefusedNamingFileLineAndField() throws {
        let scene = kernelScene(file: "psfs/missing.npy")
        let scenePath = try writeScene(scene)
        let result = try run(["generate", scenePath, "-o", outputPath(), "--quiet"])
        XCTAssertEqual(result.status, 1, result.transcript)
        let line = try XCTUnwrap(location(of: "psfs/missing.npy}", in: scene)?.line)
        XCTAssertTrue(result.stderr.contains("\(scenePath):\(line):"), result.transcript)
        XCTAssertTrue(result.stderr.contains("bands[0].psf.file"), result.transcript)
        XCTAssertTrue(result.stderr.contains("missing.npy") && result.stderr.contains("not found"), result.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outputPath()))
        let validated = try run(["validate", scenePath])
        XCTAssertEqual(validated.status, 1, validated.transcript)
    }
}
