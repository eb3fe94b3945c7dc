import Foundation
import XCTest
@testable import SkyScene

/// Lens systems in scene files: Scenes/lenses.yaml loads, draws follow the scene, and bad lenses are refused.
final class LensLoadingTests: XCTestCase {
    var lensesPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/lenses.yaml").path
    }

    func scene(_ lens: String) -> String {
        """
        name: test
        seed: 1
        count: 4
        image: {size: [32, 32], pixel_scale: 0.2}
        bands:
          - {name: g, zero_point: 28, exposure_time: 1, sky: {electrons: 10}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: none}}
        objects:
          - type: lens
        \(lens)
            source: {n: 1, half_light_radius: 0.2, magnitude: 22}
        """
    }

    func testLensesSceneLoadsAndDrawsAboutHalfLensed() throws {
        let loaded = try SceneLoader.load(path: lensesPath)
        guard case .lens(let lens) = loaded.objects[0].kind else { return XCTFail("lens") }
        XCTAssertEqual(lens.profile, .sie)
        XCTAssertEqual(lens.supersample, 3)
        XCTAssertEqual(lens.lensedFraction, 0.5)
        XCTAssertNotNil(lens.shear)
        XCTAssertNotNil(lens.lensLight)
        let plan = SamplePlan(scene: loaded)
        var lensed = 0
        let samples = 800
        for i in 0..<samples {
            guard case .lens(let l) = plan.sample(i).objects[0].shape else { return XCTFail("sample \(i)") }
            if l.isLensed { lensed += 1 }
            XCTAssertTrue((0.8...2.0).contains(l.thetaE))
            XCTAssertEqual(l.lensLight?.n, 4)
            // The source's g − r colour is −0.1 in the scene: r is 0.1 mag brighter.
            XCTAssertEqual(l.source.magnitude[1] - l.source.magnitude[0], -0.1, accuracy: 1e-12)
        }
        // Binomial(800, 0.5): σ ≈ 14; 5σ band.
        XCTAssertEqual(Double(lensed), 400, accuracy: 71)
    }

    func testUnknownProfileListsTheAllowedOnes() {
        let text = scene("    deflector: {profile: nfw, theta_e: 1}")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 9, column: 26, field: "objects[0].deflector.profile",
                            contains: ["unknown deflector profile 'nfw'", "sie, sis, point_mass"])
    }

    func testEllipticityOnARoundProfileIsRefused() {
        let text = scene("    deflector: {profile: sis, theta_e: 1, e1: 0.1}")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 9, column: 47, field: "objects[0].deflector.e1",
                            contains: ["e1 applies to sie deflectors only"])
    }

    func testSupersampleAndFractionRanges() {
        let zero = scene("    deflector: {profile: sie, theta_e: 1}\n    supersample: 0")
        Fixture.assertIssue(Fixture.singleIssue(zero), line: 10, column: 18, field: "objects[0].supersample",
                            contains: ["1 ≤ supersample ≤ 16"])
        let fraction = scene("    deflector: {profile: sie, theta_e: 1}\n    lensed_fraction: 1.5")
        Fixture.assertIssue(Fixture.singleIssue(fraction), line: 10, column: 22, field: "objects[0].lensed_fraction",
                            contains: ["0 ≤ lensed_fraction ≤ 1"])
    }

    func testThetaEMustBePositive() {
        let text = scene("    deflector: {profile: sie, theta_e: 0}")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 9, column: 40, field: "objects[0].deflector.theta_e",
                            contains: ["0 < theta_e ≤ 10"])
    }
}
