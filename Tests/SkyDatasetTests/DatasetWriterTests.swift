import Foundation
import XCTest
import SkyDataset
import SkyScene

final class DatasetWriterTests: XCTestCase {
    private let count = 5

    private func writeFixture(noiseless: Bool = true) throws -> String {
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("test.h5").path
        try Fixtures.write(to: path, count: count, noiseless: noiseless)
        return path
    }

    func testImagesAndNoiselessReadBackExactly() throws {
        let path = try writeFixture()
        for i in 0..<count {
            XCTAssertEqual(try DatasetReader.readFloatImages(path: path, sample: i), Fixtures.image(i), "sample \(i)")
            XCTAssertEqual(try DatasetReader.readFloatImages(path: path, sample: i, dataset: "/noiseless"),
                           Fixtures.image(i, shift: 0.5), "noiseless sample \(i)")
        }
        XCTAssertThrowsError(try DatasetReader.readFloatImages(path: path, sample: count))
    }

    func testTruthIsCanonicalJSONOfEachSpec() throws {
        let path = try writeFixture()
        let truth = try DatasetReader.readStrings(path: path, dataset: "/truth")
        XCTAssertEqual(truth, (0..<count).map { Fixtures.spec($0).canonicalJSON() })
        let decoded = try JSONDecoder().decode(SampleSpec.self, from: Data(truth[3].utf8))
        XCTAssertEqual(decoded, Fixtures.spec(3))
    }

    func testRootAttributes() throws {
        let path = try writeFixture()
        let summary = try DatasetSummary.read(path: path)
        let expected: [String: String] = [
            "format": "skysynth-dataset",
            "schema_version": "1",
            "scene_name": "test-scene",
            "scene_description": "Two bands, tiny stamps, for the writer tests.",
            "scene_yaml": Fixtures.sceneText,
            "scene_sha256": SHA256.hex(of: Fixtures.sceneText),
            "seed": "18446744073709551557",
            "seed_value": "18446744073709551557",
            "count": "5",
            "bands": "g,r",
            "pixel_scale_arcsec": "0.2",
            "image_width": "8",
            "image_height": "6",
            "hdf5_version": DatasetWriter.hdf5Version,
            "software_version": "skysynth 0.0-test",
            "image_unit": "ADU",
            "conventions": "x is the column, y the row",
        ]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: summary.attributes.map { ($0.name, $0.value) }), expected)
        XCTAssertEqual(summary.attributes.map(\.name), expected.keys.sorted(), "attributes are listed in name order")
        XCTAssertTrue(DatasetWriter.hdf5Version.hasPrefix("1."), DatasetWriter.hdf5Version)
    }

    func testShapesTypesAndCodebook() throws {
        let path = try writeFixture()
        let summary = try DatasetSummary.read(path: path)
        let objectRows = 1 + 1 + 2 + 1 + 2  // samples 0…4, a star on odd samples
        let expected: [(String, [Int], String)] = [
            ("/images", [5, 2, 6, 8], "float32"),
            ("/noiseless", [5, 2, 6, 8], "float32"),
            ("/truth", [5], "string"),
            ("/samples/index", [5], "int64"),
            ("/samples/split", [5], "int32"),
            ("/samples/object_count", [5], "int32"),
            ("/samples/psf_fwhm", [5, 2], "float64"),
            ("/samples/psf_lambda_over_d", [5, 2], "float64"),
            ("/samples/sky_subtracted", [5, 2], "int32"),
            ("/objects/sample", [objectRows], "int64"),
            ("/objects/id", [objectRows], "int32"),
            ("/objects/kind", [objectRows], "string"),
            ("/objects/flux", [objectRows, 2], "float64"),
            ("/objects/magnitude", [objectRows, 2], "float64"),
            ("/objects/g2", [objectRows], "float64"),
            ("/splits/train", [3], "int64"),
            ("/splits/validation", [1], "int64"),
            ("/splits/test", [1], "int64"),
        ]
        for (datasetPath, shape, type) in expected {
            let dataset = try XCTUnwrap(summary.dataset(datasetPath), datasetPath)
            XCTAssertEqual(dataset.shape, shape, datasetPath)
            XCTAssertEqual(dataset.type, type, datasetPath)
        }
        XCTAssertEqual(summary.datasets.count, 3 + 15 + (16 + 15 + 22 + 19 + 2) + 3 + 1)  // objects: core, shape, lens, galaxy, snr/detection; /psf
        for dataset in summary.datasets {
            XCTAssertFalse(dataset.description.isEmpty, "\(dataset.path) has a description")
        }
        XCTAssertEqual(summary.dataset("/images")?.units, "ADU")
        XCTAssertEqual(summary.dataset("/samples/sky_level")?.units, "electrons/pixel")
        XCTAssertEqual(summary.dataset("/objects/half_light_radius")?.units, "arcsec")
        XCTAssertEqual(summary.dataset("/objects/beta")?.units, "deg")
        XCTAssertEqual(summary.sampleCount(in: .train), 3)
        XCTAssertEqual(summary.sampleCount(in: .test), 1)
    }

    func testSampleColumns() throws {
        let path = try writeFixture()
        func doubles(_ name: String) throws -> [Double] { try DatasetReader.readDoubles(path: path, dataset: "/samples/\(name)") }
        func ints(_ name: String) throws -> [Int64] { try DatasetReader.readIntegers(path: path, dataset: "/samples/\(name)") }
        XCTAssertEqual(try ints("index"), [0, 1, 2, 3, 4])
        XCTAssertEqual(try ints("split"), [0, 0, 1, 2, 0])
        XCTAssertEqual(try ints("object_count"), [1, 2, 1, 2, 1])
        let fiveRows = { (g: Double, r: Double) in (0..<5).flatMap { _ in [g, r] } }
        XCTAssertEqual(try doubles("zero_point"), fiveRows(28.3, 28.1))
        XCTAssertEqual(try doubles("exposure_time"), fiveRows(90, 60))
        XCTAssertEqual(try doubles("sky_level"), fiveRows(812.5, 150))
        XCTAssertEqual(try doubles("gain"), fiveRows(2, 1))
        XCTAssertEqual(try doubles("read_noise"), fiveRows(5, 0))
        XCTAssertEqual(try doubles("psf_fwhm"), fiveRows(0.9, 0.7))
        XCTAssertEqual(try ints("sky_subtracted"), fiveRows(1, 0).map { Int64($0) })
        let sigma = try doubles("noise_sigma"), beta = try doubles("psf_beta")
        for row in 0..<5 {
            XCTAssertTrue(sigma[2 * row].isNaN, "ccd band has no Gaussian sigma")
            XCTAssertEqual(sigma[2 * row + 1], 1.5)
            XCTAssertEqual(beta[2 * row], 3)
            XCTAssertTrue(beta[2 * row + 1].isNaN, "Gaussian PSF has no beta")
        }
    }

    func testObjectColumns() throws {
        let path = try writeFixture()
        func doubles(_ name: String) throws -> [Double] { try DatasetReader.readDoubles(path: path, dataset: "/objects/\(name)") }
        let specs = (0..<count).map(Fixtures.spec)
        let objects = specs.flatMap { spec in spec.objects.map { (spec.index, $0) } }
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/objects/sample"), objects.map { Int64($0.0) })
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/objects/id"), objects.map { Int64($0.1.id) })
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/objects/group"), objects.map { Int64($0.1.group) })
        XCTAssertEqual(try DatasetReader.readStrings(path: path, dataset: "/objects/kind"),
                       ["sersic", "sersic", "star", "sersic", "sersic", "star", "sersic"])
        // The same column as codes, read in blocks of 1, 3 (the last block short) and all rows at once.
        for block in [1, 3, 4096] {
            let kinds = try DatasetReader.readStringCodes(path: path, dataset: "/objects/kind", blockRows: block)
            XCTAssertEqual(kinds.values, ["sersic", "star"], "block \(block)")
            XCTAssertEqual(kinds.codes, [0, 0, 1, 0, 0, 1, 0], "block \(block)")
        }
        XCTAssertEqual(try doubles("offset_x"), objects.map { $0.1.offsetX })
        XCTAssertEqual(try doubles("offset_y"), objects.map { $0.1.offsetY })
        // x = (W-1)/2 + offset_x / pixel_scale, y = (H-1)/2 + offset_y / pixel_scale.
        XCTAssertEqual(try doubles("x"), objects.map { 3.5 + $0.1.offsetX / 0.2 })
        XCTAssertEqual(try doubles("y"), objects.map { 2.5 + $0.1.offsetY / 0.2 })
        XCTAssertEqual(try doubles("flux"), objects.flatMap { $0.1.flux })
        XCTAssertEqual(try doubles("magnitude"), objects.flatMap { $0.1.magnitude })
        let n = try doubles("sersic_n"), g1 = try doubles("g1"), beta = try doubles("beta")
        for (row, (sample, object)) in objects.enumerated() {
            switch object.shape {
            case .sersic:
                XCTAssertEqual(n[row], 1 + Double(sample) / 10, "row \(row)")
                XCTAssertEqual(g1[row], 0.1)
                XCTAssertEqual(beta[row], 30)
            case .star, .geometric, .lens, .galaxy:
                XCTAssertTrue(n[row].isNaN && g1[row].isNaN && beta[row].isNaN, "row \(row) has NaN Sérsic shape")
            }
        }
    }

    func testSplitArraysListIndices() throws {
        let path = try writeFixture()
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/splits/train"), [0, 1, 4])
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/splits/validation"), [2])
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/splits/test"), [3])
    }

    func testEmptySplitIsAnEmptyArray() throws {
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("two.h5").path
        try Fixtures.write(to: path, count: 2, noiseless: false)  // samples 0, 1: both train
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/splits/test"), [])
        XCTAssertEqual(try DatasetSummary.read(path: path).dataset("/splits/validation")?.shape, [0])
    }

    func testWithoutNoiselessThereIsNoNoiselessDataset() throws {
        let path = try writeFixture(noiseless: false)
        let summary = try DatasetSummary.read(path: path)
        XCTAssertNil(summary.dataset("/noiseless"))
        XCTAssertNotNil(summary.dataset("/images"))
    }

    func testManySamplesCrossBlockAndChunkBoundaries() throws {
        let n = 1100  // > 2 blocks of 512 samples; > 1024 object rows
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("many.h5").path
        try Fixtures.write(to: path, count: n, noiseless: false)
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/samples/index"), (0..<n).map(Int64.init))
        let objectSamples = try DatasetReader.readIntegers(path: path, dataset: "/objects/sample")
        XCTAssertEqual(objectSamples, (0..<n).flatMap { i in Array(repeating: Int64(i), count: i % 2 == 1 ? 2 : 1) })
        let truth = try DatasetReader.readStrings(path: path, dataset: "/truth")
        XCTAssertEqual(truth.count, n)
        XCTAssertEqual(truth[1099], Fixtures.spec(1099).canonicalJSON())
        XCTAssertEqual(truth[511], Fixtures.spec(511).canonicalJSON())
        XCTAssertEqual(try DatasetReader.readFloatImages(path: path, sample: 1099), Fixtures.image(1099))
        let train = try DatasetReader.readIntegers(path: path, dataset: "/splits/train")
        XCTAssertEqual(train, (0..<n).filter { Fixtures.split($0) == .train }.map(Int64.init))
    }

    func testIdenticalInputsGiveIdenticalBytes() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let first = folder.appendingPathComponent("a.h5"), second = folder.appendingPathComponent("b.h5")
        try Fixtures.write(to: first.path, count: count, noiseless: true)
        Thread.sleep(forTimeInterval: 1.1)  // object timestamps have one-second resolution: make them differ if present
        try Fixtures.write(to: second.path, count: count, noiseless: true)
        let a = try Data(contentsOf: first), b = try Data(contentsOf: second)
        XCTAssertGreaterThan(a.count, 0)
        XCTAssertEqual(a, b)
    }

    func testAppendingOutOfOrderThrowsAndLeavesTheWriterUsable() throws {
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("order.h5").path
        let writer = try Fixtures.writer(path: path, count: 2, noiseless: false)
        XCTAssertThrowsError(try writer.append(spec: Fixtures.spec(1), image: Fixtures.image(1), noiseless: nil)) { error in
            XCTAssertEqual(error as? DatasetError, .outOfOrder(expected: 0, got: 1))
        }
        try writer.append(spec: Fixtures.spec(0), image: Fixtures.image(0), noiseless: nil)
        XCTAssertThrowsError(try writer.append(spec: Fixtures.spec(0), image: Fixtures.image(0), noiseless: nil)) { error in
            XCTAssertEqual(error as? DatasetError, .outOfOrder(expected: 1, got: 0))
        }
        try writer.append(spec: Fixtures.spec(1), image: Fixtures.image(1), noiseless: nil)
        try writer.finish()
        XCTAssertEqual(try DatasetReader.readIntegers(path: path, dataset: "/samples/index"), [0, 1])
        XCTAssertThrowsError(try writer.finish()) { error in
            XCTAssertEqual(error as? DatasetError, .alreadyFinished(path: path))
        }
    }

    func testMismatchedSamplesAreRejected() throws {
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("bad.h5").path
        let writer = try Fixtures.writer(path: path, count: 2, noiseless: true)
        let spec = Fixtures.spec(0)
        func rejects(_ image: [Float], _ noiseless: [Float]?, _ label: String) {
            XCTAssertThrowsError(try writer.append(spec: spec, image: image, noiseless: noiseless), label) { error in
                guard case .invalidSample(0, _)? = error as? DatasetError else { return XCTFail("\(label): \(error)") }
            }
        }
        rejects(Array(Fixtures.image(0).dropLast()), Fixtures.image(0), "short image")
        rejects(Fixtures.image(0), nil, "missing noiseless")
        rejects(Fixtures.image(0), [1, 2, 3], "short noiseless")
        var wrongBands = spec
        wrongBands.bands.removeLast()
        XCTAssertThrowsError(try writer.append(spec: wrongBands, image: Fixtures.image(0), noiseless: Fixtures.image(0)))
        XCTAssertThrowsError(try writer.finish()) { error in
            XCTAssertEqual(error as? DatasetError, .incomplete(expected: 2, written: 0))
        }
    }

    func testDuplicateRootAttributeThrows() throws {
        let path = try Fixtures.temporaryFolder(self).appendingPathComponent("dup.h5").path
        XCTAssertThrowsError(try DatasetWriter(path: path, scene: Fixtures.scene(count: 1, noiseless: false),
                                               sceneText: "", attributes: [("seed", "1")])) { error in
            XCTAssertTrue("\(error)".contains("'seed'"), "\(error)")
        }
    }

    func testUnwritablePathThrowsNamingThePath() {
        let path = "/nonexistent-dir/x.h5"
        XCTAssertThrowsError(try Fixtures.writer(path: path, count: 1, noiseless: false)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(path), message)
            XCTAssertTrue(message.contains("H5Fcreate"), message)
            guard case .hdf5? = error as? DatasetError else { return XCTFail("not an HDF5 error: \(error)") }
        }
    }

    func testReadingAMissingFileThrowsNamingThePath() {
        let path = "/nonexistent-dir/missing.h5"
        XCTAssertThrowsError(try DatasetSummary.read(path: path)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
        }
    }

    func testRenderShowsSummaryAndColumns() throws {
        let path = try writeFixture()
        let text = try DatasetSummary.read(path: path).render()
        for needle in ["test-scene", "18446744073709551557", "5 (train 3, validation 1, test 1)", "g,r",
                       "8 × 6 px at 0.2 arcsec/px", "skysynth 0.0-test", "/objects/flux", "[7, 2]", "electrons",
                       "/samples/psf_fwhm", "arcsec"] {
            XCTAssertTrue(text.contains(needle), "render lacks \(needle):\n\(text)")
        }
    }
}
