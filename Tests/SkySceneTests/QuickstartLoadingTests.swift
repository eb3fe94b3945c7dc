import Foundation
import XCTest
@testable import SkyScene

/// The shipped example scene loads and means what its comments say.
final class QuickstartLoadingTests: XCTestCase {
    func testHeader() throws {
        let scene = try Fixture.quickstart()
        XCTAssertEqual(scene.name, "quickstart")
        XCTAssertEqual(scene.seed, 20_261_122)
        XCTAssertEqual(scene.count, 1000)
        XCTAssertTrue(scene.description.hasPrefix("Sérsic galaxies with a faint companion star in g, r, i"), scene.description)
        XCTAssertEqual(scene.image, ImageGeometry(width: 64, height: 64, pixelScale: 0.2))
        XCTAssertEqual(scene.output, OutputOptions(noiseless: true))
    }

    func testSplits() throws {
        let splits = try Fixture.quickstart().splits
        XCTAssertEqual(splits, Splits(train: 0.8, validation: 0.1, test: 0.1))
        XCTAssertEqual(splits.train + splits.validation + splits.test, 1, accuracy: 1e-12)
    }

    func testBandsWithPSFsAndNoise() throws {
        let bands = try Fixture.quickstart().bands
        XCTAssertEqual(bands.map(\.name), ["g", "r", "i"])
        XCTAssertEqual(bands.map(\.zeroPoint), [28.3, 28.1, 27.7])
        XCTAssertEqual(bands.map(\.exposureTime), [90, 90, 90])
        XCTAssertEqual(bands.map(\.sky), [.magnitude(22.3), .magnitude(21.5), .magnitude(20.8)])
        XCTAssertEqual(bands.map(\.psf), [.moffat(beta: 3.0, fwhm: 0.9), .moffat(beta: 3.0, fwhm: 0.8), .gaussian(fwhm: 0.7)])
        XCTAssertEqual(bands.map(\.psf.fwhm), [0.9, 0.8, 0.7])
        for band in bands {
            XCTAssertEqual(band.noise, .ccd(gain: 1.0, readNoise: 5.0), band.name)
            XCTAssertEqual(band.gain, 1.0, band.name)
            XCTAssertTrue(band.subtractSky, "subtract_sky defaults to true (\(band.name))")
        }
    }

    func testObjectKindsAndSersicParameters() throws {
        let objects = try Fixture.quickstart().objects
        XCTAssertEqual(objects.map(\.kind.name), ["sersic", "star"])
        guard case .sersic(let galaxy) = objects[0].kind else { return XCTFail("first group is not a Sérsic galaxy") }
        XCTAssertEqual(objects[0].count, .constant(1), "count defaults to 1")
        XCTAssertEqual(galaxy.n, .uniform(low: 0.5, high: 4.0))
        XCTAssertEqual(galaxy.halfLightRadius, .lognormal(median: 0.6, sigma: 0.3))
        XCTAssertEqual(galaxy.shape, .axisRatio(q: .uniform(low: 0.3, high: 1.0), beta: .uniform(low: 0, high: 180)))
        let offset = Distribution.truncatedNormal(mean: 0, sigma: 0.3, low: -1, high: 1)
        XCTAssertEqual(galaxy.offset, OffsetDescription(x: offset, y: offset), "one distribution applies to each axis")
    }

    func testRelativeMagnitudes() throws {
        let objects = try Fixture.quickstart().objects
        guard case .sersic(let galaxy) = objects[0].kind else { return XCTFail("first group is not a Sérsic galaxy") }
        let brightness = galaxy.brightness
        XCTAssertTrue(brightness.isMagnitude)
        // Entries are in the scene's band order (g, r, i), not in the order written (r, g, i).
        XCTAssertEqual(brightness.bands.map(\.band), ["g", "r", "i"])
        XCTAssertEqual(brightness.bands[0], BandBrightness(band: "g", value: .normal(mean: 0.6, sigma: 0.2), relativeTo: "r"))
        XCTAssertEqual(brightness.bands[1], BandBrightness(band: "r", value: .uniform(low: 19, high: 22), relativeTo: nil))
        XCTAssertEqual(brightness.bands[2], BandBrightness(band: "i", value: .normal(mean: -0.3, sigma: 0.1), relativeTo: "r"))
    }

    func testStarGroup() throws {
        let objects = try Fixture.quickstart().objects
        XCTAssertEqual(objects[1].count, .choice(values: [0, 1], weights: [0.7, 0.3]))
        guard case .star(let star) = objects[1].kind else { return XCTFail("second group is not a star") }
        XCTAssertEqual(star.offset, OffsetDescription(x: .uniform(low: -5, high: 5), y: .uniform(low: -5, high: 5)))
        XCTAssertTrue(star.brightness.isMagnitude)
        XCTAssertEqual(star.brightness.bands.map(\.band), ["g", "r", "i"])
        for entry in star.brightness.bands {
            XCTAssertEqual(entry.value, .uniform(low: 20, high: 23), entry.band)
            XCTAssertNil(entry.relativeTo, entry.band)
        }
    }

    func testLoadAndParseAgree() throws {
        let text = try String(contentsOfFile: Fixture.quickstartPath, encoding: .utf8)
        XCTAssertEqual(try SceneLoader.parse(text, file: "quickstart.yaml"), try Fixture.quickstart())
    }

    func testGalaxiesSceneLoadsWithChainedColours() throws {
        let path = Fixture.repositoryRoot.appendingPathComponent("Scenes/galaxies.yaml").path
        let scene = try SceneLoader.load(path: path)
        XCTAssertEqual(scene.bands.map(\.name), ["g", "r", "i", "z", "y"])
        guard case .sersic(let galaxy) = scene.objects.first?.kind else { return XCTFail("no Sérsic group") }
        XCTAssertEqual(galaxy.brightness.bands.map(\.relativeTo), ["r", nil, "r", "i", "z"])
    }

    func testSceneDescriptionIsCodable() throws {
        let scene = try Fixture.quickstart()
        let data = try JSONEncoder().encode(scene)
        XCTAssertEqual(try JSONDecoder().decode(SceneDescription.self, from: data), scene)
    }
}
