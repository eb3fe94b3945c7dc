/// Scenes/lenses.yaml and Scenes/shapes.yaml end to end: lens labels that agree with each other, and
/// byte-identical files for any `--jobs` for the new object kinds.
import Foundation
import SkyDataset
import XCTest

final class LensDatasetTests: CLITestCase {
    func scene(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/\(name).yaml").path
    }

    func testLensLabelsAreConsistent() throws {
        let out = outputPath("lenses.h5")
        let result = try run(["generate", scene("lenses"), "--count", "16", "--no-card", "--quiet", "-o", out])
        XCTAssertEqual(result.status, 0, result.transcript)
        let kind = try DatasetReader.readStrings(path: out, dataset: "/objects/kind")
        let lensed = try DatasetReader.readIntegers(path: out, dataset: "/objects/is_lensed")
        let magnification = try DatasetReader.readDoubles(path: out, dataset: "/objects/magnification")
        let images = try DatasetReader.readIntegers(path: out, dataset: "/objects/image_count")
        let thetaE = try DatasetReader.readDoubles(path: out, dataset: "/objects/theta_e")
        let sourceFlux = try DatasetReader.readDoubles(path: out, dataset: "/objects/source_flux")
        let profile = try DatasetReader.readStrings(path: out, dataset: "/objects/deflector_profile")
        XCTAssertEqual(kind, [String](repeating: "lens", count: 16))
        XCTAssertEqual(Set(lensed), [0, 1], "16 stamps hold both lenses and non-lenses")
        for row in 0..<16 {
            XCTAssertEqual(profile[row], "sie")
            XCTAssertTrue((0.8...2.0).contains(thetaE[row]), "θ_E row \(row)")
            XCTAssertEqual(sourceFlux.count, 16 * 5)
            if lensed[row] == 0 {
                XCTAssertEqual(magnification[row], 1, "an unlensed source is not magnified")
                XCTAssertEqual(images[row], 1)
            } else {
                XCTAssertGreaterThan(magnification[row], 1, "row \(row): a lensed source inside θ_E is magnified")
                XCTAssertTrue([2, 3, 4, 5].contains(images[row]), "row \(row): \(images[row]) images")
            }
        }
    }

    func testLensesAndShapesAreIdenticalForAnyJobCount() throws {
        for name in ["lenses", "shapes"] {
            var files: [Data] = []
            for jobs in ["1", "2", "3"] {
                let out = outputPath("\(name)-\(jobs).h5")
                let result = try run(["generate", scene(name), "--count", "10", "--no-card", "--quiet", "--jobs", jobs, "-o", out])
                XCTAssertEqual(result.status, 0, result.transcript)
                files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
            }
            XCTAssertTrue(files[0] == files[1] && files[0] == files[2], "\(name): --jobs 1, 2, 3 give different files")
        }
    }
}
