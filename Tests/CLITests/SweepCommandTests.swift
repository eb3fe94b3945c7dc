/// Sweeps, `--set` and `expand` on the built binary: the file records the sweep, inspect shows the grid,
/// expand prints resolved samples without rendering.
import Foundation
import SkyDataset
import XCTest

final class SweepCommandTests: CLITestCase {
    private var sweepScene: String {
        SceneText(count: 4, size: 16).yaml.replacingOccurrences(of: "count: 4\n", with: "")
            + """
            sweep:
              grid:
                bands.*.psf.fwhm: [0.6, 0.9]
                bands.*.noise.read_noise: [2, 6, 9]
              replicates: 2

            """
    }

    func testSweepIsRecordedAndShownByInspect() throws {
        let scenePath = try writeScene(sweepScene)
        let generated = try run(["generate", scenePath, "-o", outputPath("sweep.h5"), "--quiet", "--set", "sweep.replicates=3"])
        XCTAssertEqual(generated.status, 0, generated.transcript)
        let path = outputPath("sweep.h5")
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/samples/sweep_point"),
                       [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5])
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/samples/replicate"),
                       (0..<6).flatMap { _ in [0, 1, 2] })
        let coordinates = try DatasetReader.readDoubles(path: path, dataset: "/samples/sweep_coordinates")
        XCTAssertEqual(Array(coordinates[0..<2]), [0.6, 2])
        XCTAssertEqual(Array(coordinates[(3 * 2 * 3)..<(3 * 2 * 3 + 2)]), [0.9, 2])
        XCTAssertEqual(try DatasetReader.readDoubles(path: path, dataset: "/samples/psf_fwhm").last, 0.9)
        // Common random numbers: replicate 1 has the same objects at point 0 and point 5.
        let flux = try DatasetReader.readDoubles(path: path, dataset: "/objects/offset_x")
        let samples = try DatasetReader.readIntegers(path: path, dataset: "/objects/sample")
        let atPoint0 = zip(samples, flux).filter { $0.0 == 1 }.map(\.1)
        let atPoint5 = zip(samples, flux).filter { $0.0 == 16 }.map(\.1)
        XCTAssertEqual(atPoint0, atPoint5)
        let inspect = try run(["inspect", path])
        XCTAssertTrue(inspect.stdout.contains("6 points × 3 replicates, common random numbers"), inspect.transcript)
        XCTAssertTrue(inspect.stdout.contains("bands.*.noise.read_noise: 2, 6, 9"), inspect.transcript)
        XCTAssertTrue(inspect.stdout.contains("sweep.replicates=3"), inspect.transcript)
    }

    func testExpandPrintsResolvedSamplesWithoutRendering() throws {
        let scenePath = try writeScene(sweepScene)
        let result = try run(["expand", scenePath, "--limit", "3", "--set", "bands.g.zero_point=27"])
        XCTAssertEqual(result.status, 0, result.transcript)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(first?["index"] as? Int, 0)
        XCTAssertNotNil(first?["sweep"])
        XCTAssertEqual(((first?["bands"] as? [[String: Any]])?.first?["zeroPoint"]) as? Double, 27)
        XCTAssertEqual(entries(of: outputFolder), [], "expand writes no file")
    }

    func testBadSetIsRefusedWithThePath() throws {
        let scenePath = try writeScene(SceneText(count: 4, size: 16).yaml)
        let result = try run(["generate", scenePath, "-o", outputPath(), "--set", "bands.z.psf.fwhm=1", "--quiet"])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertTrue(result.stderr.contains("bands.z.psf.fwhm"), result.transcript)
        XCTAssertTrue(result.stderr.contains("no list element named 'z'"), result.transcript)
        XCTAssertEqual(entries(of: outputFolder), [])
    }
}
