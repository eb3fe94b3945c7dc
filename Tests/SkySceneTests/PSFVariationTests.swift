import XCTest
@testable import SkyScene

/// PSF parameters drawn per sample: parsed as distributions, drawn per sample and band within their range.
final class PSFVariationTests: XCTestCase {
    func scene(_ psf: String) -> String {
        """
        name: test
        seed: 3
        count: 50
        image: {size: [32, 32], pixel_scale: 0.2}
        bands:
          - {name: g, zero_point: 28, exposure_time: 1, sky: {electrons: 10}, psf: \(psf), noise: {type: none}}
          - {name: r, zero_point: 28, exposure_time: 1, sky: {electrons: 10}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: none}}
        objects:
          - {type: star, magnitude: 20}
        """
    }

    func testMoffatFWHMAndBetaDrawnPerSample() throws {
        let loaded = try SceneLoader.parse(scene("{type: moffat, beta: {uniform: [2.5, 4]}, fwhm: {uniform: [0.6, 1.0]}}"), file: "test.yaml")
        XCTAssertTrue(loaded.psfVaries)
        XCTAssertEqual(Set(loaded.bands[0].psfVariation?.parameters.keys ?? [:].keys), ["beta", "fwhm"])
        XCTAssertNil(loaded.bands[1].psfVariation)
        let plan = SamplePlan(scene: loaded)
        var fwhms = Set<Double>()
        for i in 0..<50 {
            let spec = plan.sample(i)
            guard case .moffat(let beta, let fwhm) = spec.bands[0].psf else { return XCTFail("moffat") }
            XCTAssertTrue((2.5...4).contains(beta) && (0.6...1.0).contains(fwhm))
            fwhms.insert(fwhm)
            XCTAssertEqual(spec.bands[1].psf, .gaussian(fwhm: 0.7), "a constant band stays constant")
            XCTAssertEqual(plan.sample(i).bands[0].psf, spec.bands[0].psf, "a sample's PSF is a pure function of its index")
        }
        XCTAssertEqual(fwhms.count, 50)
    }

    func testConstantPSFDoesNotVary() throws {
        let loaded = try SceneLoader.parse(scene("{type: moffat, beta: 3, fwhm: 0.8}"), file: "test.yaml")
        XCTAssertFalse(loaded.psfVaries)
        XCTAssertEqual(loaded.bands[0].psf, .moffat(beta: 3, fwhm: 0.8))
    }

    func testVaryingParameterKeepsItsRange() {
        let text = scene("{type: airy, lambda_over_d: 0.1, obscuration: {uniform: [0.2, 0.95]}}")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 6, column: 122, field: "bands[0].psf.obscuration",
                            contains: ["0 ≤ obscuration ≤ 0.9"])
    }
}
