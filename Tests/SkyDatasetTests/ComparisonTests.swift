import Foundation
import XCTest
import SkyDataset
import SkyScene

/// `DatasetComparer` on small hand-made files: identical files pass; a one-ULP change in truth, a pixel change
/// beyond tolerance, another scene or a missing dataset fail and are located; a change within tolerance passes.
final class ComparisonTests: XCTestCase {
    private let count = 4
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = try Fixtures.temporaryFolder(self)
    }

    /// Writes a fixture-like file; `edit` may change each sample's spec and image before it is appended.
    private func write(_ name: String, count: Int? = nil, noiseless: Bool = true, sceneText: String = Fixtures.sceneText,
                       attributes: [(String, String)] = Fixtures.extraAttributes,
                       edit: (inout SampleSpec, inout [Float]) -> Void = { _, _ in }) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let count = count ?? self.count
        let writer = try DatasetWriter(path: path, scene: Fixtures.scene(count: count, noiseless: noiseless),
                                       sceneText: sceneText, attributes: attributes)
        for i in 0..<count {
            var spec = Fixtures.spec(i)
            var image = Fixtures.image(i)
            edit(&spec, &image)
            try writer.append(spec: spec, image: image, noiseless: noiseless ? Fixtures.image(i, shift: 0.5) : nil)
        }
        try writer.finish()
        return path
    }

    private func row(_ report: ComparisonReport, _ path: String, file: StaticString = #filePath,
                     line: UInt = #line) throws -> DatasetComparison {
        try XCTUnwrap(report.datasets.first { $0.path == path }, "no row for \(path) in\n\(report.render())",
                      file: file, line: line)
    }

    /// Index of a flat [band][y][x] pixel in the fixture images.
    private func pixel(band: Int, y: Int, x: Int) -> Int {
        (band * Fixtures.height + y) * Fixtures.width + x
    }

    func testIdenticalFilesPass() throws {
        let golden = try write("golden.h5"), new = try write("new.h5")
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertTrue(report.passed, report.render())
        XCTAssertEqual(report.sceneMismatches, [])
        XCTAssertEqual(report.schemaMismatches, [])
        XCTAssertEqual(report.notes, [])
        let paths = report.datasets.map(\.path)
        for expected in ["/images", "/noiseless", "/truth", "/objects/flux", "/objects/kind", "/samples/split",
                         "/splits/train", "/objects/sersic_n"] {
            XCTAssertTrue(paths.contains(expected), "\(expected) not compared: \(paths)")
        }
        for d in report.datasets {
            XCTAssertEqual(d.failingElements, 0, d.path)
            XCTAssertNil(d.location, d.path)
            XCTAssertEqual(d.elementsCompared, d.shape.reduce(1, *), d.path)
            if d.type != "string" { XCTAssertEqual(d.maxAbsDifference, 0, d.path) }
        }
        let images = try row(report, "/images")
        XCTAssertEqual(images.elementsCompared, count * 2 * Fixtures.height * Fixtures.width)
        XCTAssertTrue(images.isPixels)
        // Fixture pixels are sample*1000 + band*100 + y*10 + x + 0.25: the peak is the last pixel of the last sample.
        XCTAssertEqual(images.goldenPeak, Double((count - 1) * 1000 + 100 + 50 + 7) + 0.25)
        XCTAssertEqual(images.rule, .tolerance(rtol: 1e-5, atol: 1e-6 * images.goldenPeak!))
        XCTAssertEqual(try row(report, "/truth").rule, .exact)
        // Stars have NaN Sérsic parameters: NaN equals NaN.
        XCTAssertTrue(try DatasetReader.readDoubles(path: golden, dataset: "/objects/sersic_n").contains { $0.isNaN })
        XCTAssertTrue(try row(report, "/objects/sersic_n").passed)
        XCTAssertTrue(report.summary.hasPrefix("check passed: "), report.summary)
        let table = report.render()
        XCTAssertTrue(table.contains("dataset"), table)
        XCTAssertTrue(table.contains("max |Δ|/peak"), table)
    }

    func testOneULPInAFluxFailsTruthAndLabel() throws {
        let golden = try write("golden.h5")
        var nudged = 0.0
        let new = try write("new.h5") { spec, _ in
            if spec.index == 1 {
                spec.objects[0].flux[0] = spec.objects[0].flux[0].nextUp
                nudged = spec.objects[0].flux[0]
            }
        }
        XCTAssertEqual(nudged, 1000.nextUp)
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertFalse(report.passed, report.render())
        XCTAssertEqual(report.sceneMismatches, [])
        XCTAssertEqual(report.schemaMismatches, [])
        XCTAssertEqual(Set(report.failedDatasets.map(\.path)), ["/truth", "/objects/flux"], report.render())

        let flux = try row(report, "/objects/flux")
        XCTAssertEqual(flux.failingElements, 1)
        // Sample 0 has one object (row 0); sample 1's galaxy is row 1; band g is column 0.
        XCTAssertEqual(flux.location, [1, 0])
        XCTAssertEqual(flux.locationDescription, "row 1, column 0")
        XCTAssertEqual(flux.maxAbsDifference, 1000.nextUp - 1000)
        XCTAssertEqual(flux.detail, "new \(1000.nextUp), golden 1000.0")
        XCTAssertEqual(flux.rule, .exact)

        let truth = try row(report, "/truth")
        XCTAssertEqual(truth.failingElements, 1)
        XCTAssertEqual(truth.location, [1])
        XCTAssertNil(truth.maxAbsDifference)
        XCTAssertTrue(truth.detail?.contains("1000.0000000000001") == true, truth.detail ?? "no detail")
        XCTAssertTrue(try row(report, "/images").passed)

        XCTAssertTrue(report.summary.contains("/truth (1 of \(count))"), report.summary)
        XCTAssertTrue(report.summary.contains("/objects/flux (1 of "), report.summary)
        XCTAssertTrue(report.render().contains("FAIL: 1 of \(count) differs"), report.render())
    }

    func testSignedZeroIsADifference() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5") { spec, _ in
            if spec.index == 0 { spec.objects[0].offsetX = -0.0 }   // the fixture's sample 0 has offset_x +0.0
        }
        let report = try DatasetComparer.compare(new, against: golden)
        let offset = try row(report, "/objects/offset_x")
        XCTAssertEqual(offset.failingElements, 1, report.render())
        XCTAssertEqual(offset.maxAbsDifference, 0)
        XCTAssertEqual(offset.location, [0])
        XCTAssertFalse(report.passed)
    }

    func testPixelBeyondToleranceFailsAndIsLocated() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5") { spec, image in
            if spec.index == 2 { image[self.pixel(band: 1, y: 3, x: 5)] += 1 }
        }
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertFalse(report.passed, report.render())
        XCTAssertEqual(report.failedDatasets.map(\.path), ["/images"])
        let images = try row(report, "/images")
        XCTAssertEqual(images.failingElements, 1)
        XCTAssertEqual(images.location, [2, 1, 3, 5])
        XCTAssertEqual(images.locationDescription, "sample 2, band 1, y 3, x 5")
        XCTAssertEqual(images.maxAbsDifference, 1)
        XCTAssertEqual(images.detail, "new 2136.25, golden 2135.25")
        XCTAssertEqual(images.relativeToPeak!, 1 / images.goldenPeak!, accuracy: 1e-15)
        XCTAssertTrue(report.summary.contains("/images (1 beyond tolerance, max |Δ| 1 at sample 2, band 1, y 3, x 5)"),
                      report.summary)
        XCTAssertTrue(try row(report, "/noiseless").passed)
        // An absolute atol above the change lets it pass.
        XCTAssertTrue(try DatasetComparer.compare(new, against: golden, tolerance: ComparisonTolerance(rtol: 0, atol: 1)).passed)
        XCTAssertFalse(try DatasetComparer.compare(new, against: golden, tolerance: ComparisonTolerance(rtol: 0, atol: 0.99)).passed)
    }

    func testLocationIsTheLargestDifferenceNotTheFirst() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5") { spec, image in
            if spec.index == 0 { image[self.pixel(band: 0, y: 1, x: 1)] -= 1 }
            if spec.index == 2 { image[self.pixel(band: 0, y: 4, x: 6)] -= 3 }
            if spec.index == 3 { image[self.pixel(band: 1, y: 0, x: 2)] += 2 }
        }
        let images = try row(try DatasetComparer.compare(new, against: golden), "/images")
        XCTAssertEqual(images.failingElements, 3)
        XCTAssertEqual(images.maxAbsDifference, 3)
        XCTAssertEqual(images.location, [2, 0, 4, 6])
        XCTAssertEqual(images.verdict, "FAIL: 3 beyond tolerance")
    }

    func testPixelChangeWithinTolerancePassesButIsReported() throws {
        let golden = try write("golden.h5")
        // 2^-7 = 0.0078: above atol (1e-6 × peak ≈ 0.0032) but below atol + 1e-5 × 1123.25 ≈ 0.0144.
        let step: Float = 1.0 / 128
        let new = try write("new.h5") { spec, image in
            if spec.index == 1 { image[self.pixel(band: 1, y: 2, x: 3)] += step }
        }
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertTrue(report.passed, report.render())
        let images = try row(report, "/images")
        XCTAssertEqual(images.maxAbsDifference, Double(step))
        XCTAssertEqual(images.location, [1, 1, 2, 3])
        XCTAssertEqual(images.failingElements, 0)
        XCTAssertEqual(images.verdict, "ok")
        // Exact pixels, or no relative part, catch it.
        XCTAssertFalse(try DatasetComparer.compare(new, against: golden, tolerance: .exact).passed)
        XCTAssertFalse(try DatasetComparer.compare(new, against: golden, tolerance: ComparisonTolerance(rtol: 0)).passed)
    }

    func testNaNPixelAgainstANumberFails() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5") { spec, image in
            if spec.index == 3 { image[0] = .nan }
        }
        let report = try DatasetComparer.compare(new, against: golden, tolerance: ComparisonTolerance(rtol: 1, atol: 1e9))
        let images = try row(report, "/images")
        XCTAssertEqual(images.failingElements, 1, report.render())
        XCTAssertEqual(images.maxAbsDifference, .infinity)
        XCTAssertEqual(images.location, [3, 0, 0, 0])
    }

    func testDifferentSceneIsASceneMismatch() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5", sceneText: Fixtures.sceneText + "# edited\n")
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.sceneMismatches.count, 1, report.render())
        XCTAssertTrue(report.sceneMismatches[0].hasPrefix("scene_sha256: new '"), report.sceneMismatches[0])
        XCTAssertTrue(report.summary.contains("scene mismatch (scene_sha256)"), report.summary)
        XCTAssertTrue(report.render().contains("scene mismatch: scene_sha256"), report.render())
        XCTAssertTrue(report.notes.contains("other root attributes differ: scene_yaml"), "\(report.notes)")
        XCTAssertEqual(report.failedDatasets.map(\.path), [], "the data itself is identical")
    }

    func testDifferentCountIsASceneAndSchemaMismatch() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5", count: count - 1)
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.sceneMismatches, ["count: new '\(count - 1)', golden '\(count)'"])
        XCTAssertTrue(report.schemaMismatches.contains {
            $0 == "/images is float32 [3, 2, 6, 8] in \(new), float32 [4, 2, 6, 8] in \(golden)"
        }, "\(report.schemaMismatches)")
        XCTAssertFalse(report.datasets.contains { $0.path == "/images" })
    }

    func testMissingAndExtraDatasetsAreSchemaMismatches() throws {
        let golden = try write("golden.h5")
        let new = try write("new.h5", noiseless: false)
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.schemaMismatches, ["/noiseless is missing from \(new) (golden: float32 [4, 2, 6, 8])"])
        XCTAssertTrue(report.summary.contains("schema mismatch (1 dataset: /noiseless)"), report.summary)
        XCTAssertTrue(report.render().contains("schema mismatch: /noiseless is missing"), report.render())

        let reversed = try DatasetComparer.compare(golden, against: new)
        XCTAssertEqual(reversed.schemaMismatches, ["/noiseless (float32 [4, 2, 6, 8]) is in \(golden) but not in \(new)"])
        XCTAssertFalse(reversed.passed)
    }

    func testVersionDifferencesAreNotesOnly() throws {
        let golden = try write("golden.h5")
        let attributes = Fixtures.extraAttributes.map { $0.0 == "software_version" ? ($0.0, "skysynth 9.9") : $0 }
        let new = try write("new.h5", attributes: attributes)
        let report = try DatasetComparer.compare(new, against: golden)
        XCTAssertTrue(report.passed, report.render())
        XCTAssertEqual(report.notes, ["software_version differs: new 'skysynth 9.9', golden 'skysynth 0.0-test'"])
        XCTAssertTrue(report.render().contains("note: software_version differs"), report.render())
    }

    func testUnreadableFilesThrowNamingTheFile() throws {
        let golden = try write("golden.h5")
        let missing = folder.appendingPathComponent("missing.h5").path
        XCTAssertThrowsError(try DatasetComparer.compare(missing, against: golden)) { error in
            XCTAssertEqual("\(error)", "cannot read \(missing): no such file")
        }
        let text = folder.appendingPathComponent("text.h5")
        try Data("not hdf5\n".utf8).write(to: text)
        XCTAssertThrowsError(try DatasetComparer.compare(golden, against: text.path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read \(text.path): not an HDF5 file"), "\(error)")
        }
        // A truncated copy.
        let truncated = folder.appendingPathComponent("truncated.h5")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: golden))
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        XCTAssertThrowsError(try DatasetComparer.compare(truncated.path, against: golden))
        XCTAssertThrowsError(try DatasetComparer.compare(golden, against: golden, tolerance: ComparisonTolerance(rtol: -1)))
    }

    func testToleranceJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        XCTAssertEqual(String(decoding: try encoder.encode(ComparisonTolerance.default), as: UTF8.self),
                       #"{"atol":null,"atol_fraction_of_peak":1e-06,"rtol":1e-05}"#)
        let decoded = try JSONDecoder().decode(ComparisonTolerance.self, from: Data(#"{"rtol": 0.001, "atol": 0.5}"#.utf8))
        XCTAssertEqual(decoded, ComparisonTolerance(rtol: 0.001, atol: 0.5))
        XCTAssertEqual(decoded.absoluteTolerance(goldenPeak: 1000), 0.5)
        XCTAssertEqual(ComparisonTolerance.default.absoluteTolerance(goldenPeak: 1000), 1e-3, accuracy: 1e-18)
        XCTAssertEqual(ComparisonTolerance.default.description, "rtol 1e-05, atol 1e-06 × the golden peak |value|")
    }
}
