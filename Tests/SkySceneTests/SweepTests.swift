import Foundation
import XCTest
@testable import SkyScene

/// Sweeps: expansion counts, common random numbers, consistent splits, path overrides (`--set`).
final class SweepTests: XCTestCase {
    private let base = """
    name: sweep-test
    seed: 3
    image: {size: [24, 24], pixel_scale: 0.2}
    bands:
      - {name: g, zero_point: 28, exposure_time: 10, sky: {electrons: 50}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: ccd, gain: 2, read_noise: 3}}
      - {name: r, zero_point: 28, exposure_time: 10, sky: {electrons: 80}, psf: {type: moffat, beta: 3, fwhm: 0.8}, noise: {type: ccd, gain: 1, read_noise: 3}}
    objects:
      - {type: sersic, n: {uniform: [1, 3]}, half_light_radius: {uniform: [0.3, 0.6]}, offset: {uniform: [-0.5, 0.5]}, magnitude: 21}
    sweep:
      grid:
        bands.*.psf.fwhm: [0.6, 0.9, 1.2]
        bands.r.noise.read_noise: [2, 8]
      replicates: 4

    """

    private func load(_ text: String, overrides: [String] = []) throws -> SceneDescription {
        try SceneLoader.parse(text, file: "sweep.yaml", overrides: overrides)
    }

    func testGridExpandsToPointsTimesReplicates() throws {
        let scene = try load(base)
        let sweep = try XCTUnwrap(scene.sweep)
        XCTAssertEqual(scene.count, 24)
        XCTAssertEqual(sweep.pointCount, 6)
        XCTAssertEqual(sweep.parameters, ["bands.*.psf.fwhm", "bands.r.noise.read_noise"])
        XCTAssertEqual(sweep.values[1], ["0.6", "8"], "the last parameter varies fastest")
        XCTAssertEqual(sweep.coordinates[5], [1.2, 8])
        let plan = SamplePlan(scene: scene)
        let sample = plan.sample(4 * 3 + 2)  // point 3 = (0.9, 8), replicate 2
        XCTAssertEqual(sample.sweep, SweepPosition(point: 3, replicate: 2))
        XCTAssertEqual(sample.bands.map(\.psf.fwhm), [0.9, 0.9])
        XCTAssertEqual(sample.bands[1].noise, .ccd(gain: 1, readNoise: 8))
        XCTAssertEqual(sample.bands[0].noise, .ccd(gain: 2, readNoise: 3), "band g keeps its read noise")
    }

    func testCommonRandomNumbersKeepObjectsAcrossPoints() throws {
        let plan = SamplePlan(scene: try load(base))
        for replicate in 0..<4 {
            let reference = plan.sample(replicate)
            for point in 1..<6 {
                let other = plan.sample(point * 4 + replicate)
                XCTAssertEqual(other.objects, reference.objects, "replicate \(replicate) at point \(point)")
                XCTAssertEqual(other.split, reference.split, "a replicate keeps its split at every point")
            }
        }
        XCTAssertNotEqual(plan.sample(0).objects, plan.sample(1).objects, "replicates differ from one another")
    }

    func testOptingOutOfCommonRandomNumbersFoldsThePointIn() throws {
        let text = base.replacingOccurrences(of: "  replicates: 4\n", with: "  replicates: 4\n  common_random_numbers: false\n")
        let plan = SamplePlan(scene: try load(text))
        XCTAssertNotEqual(plan.sample(0).objects, plan.sample(4).objects)
        XCTAssertEqual(plan.sample(0).split, plan.sample(4).split, "splits stay keyed by replicate")
    }

    func testZipPairsValues() throws {
        let text = base.replacingOccurrences(of: "grid:", with: "zip:").replacingOccurrences(of: "[2, 8]", with: "[2, 5, 8]")
        let scene = try load(text)
        XCTAssertEqual(scene.sweep?.values, [["0.6", "2"], ["0.9", "5"], ["1.2", "8"]])
        XCTAssertEqual(scene.count, 12)
        let unequal = base.replacingOccurrences(of: "grid:", with: "zip:")
        XCTAssertThrowsError(try load(unequal)) { error in
            XCTAssertTrue("\(error)".contains("equal length"), "\(error)")
        }
    }

    func testSweptValuesAreValidatedWithTheirLocation() throws {
        let text = base.replacingOccurrences(of: "[0.6, 0.9, 1.2]", with: "[0.6, -1, 1.2]")
        XCTAssertThrowsError(try load(text)) { error in
            // The value applies to both bands: one issue per band, both at the swept value's location.
            let issues = (error as? SceneErrors)?.issues ?? []
            XCTAssertEqual(issues.map(\.field), ["bands[0].psf.fwhm", "bands[1].psf.fwhm"], "\(error)")
            XCTAssertEqual(Set(issues.map(\.line)), [11], "\(error)")
            XCTAssertTrue(issues.allSatisfy { $0.message.contains("out of range") }, "\(error)")
        }
    }

    func testCountIsRejectedNextToASweep() {
        XCTAssertThrowsError(try load(base.replacingOccurrences(of: "seed: 3\n", with: "seed: 3\ncount: 10\n"))) { error in
            XCTAssertTrue("\(error)".contains("count = points × replicates"), "\(error)")
        }
    }

    func testSetOverridesAnyValueAndIsRecorded() throws {
        let scene = try load(base, overrides: ["sweep.replicates=2", "objects[0].n={uniform: [2, 2.5]}", "bands.g.zero_point=27.5"])
        XCTAssertEqual(scene.count, 12)
        XCTAssertEqual(scene.bands[0].zeroPoint, 27.5)
        XCTAssertEqual(scene.overrides.count, 3)
        guard case .sersic(let s) = scene.objects[0].kind else { return XCTFail("expected a Sérsic group") }
        XCTAssertEqual(s.n, .uniform(low: 2, high: 2.5))
    }

    func testBadOverridesNameThePath() {
        for (override, expected) in [("bands.z.psf.fwhm=1", "no list element named 'z'"), ("nonsense", "path=value"),
                                     ("bands.g.exposure_time=-1", "out of range")] {
            XCTAssertThrowsError(try load(base, overrides: [override])) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(override): \(error)")
            }
        }
    }

    func testNodePathParsing() {
        XCTAssertEqual(NodePath("objects[0].n")?.segments, ["objects", "0", "n"])
        XCTAssertEqual(NodePath("bands.*.psf.fwhm")?.segments, ["bands", "*", "psf", "fwhm"])
        XCTAssertNil(NodePath(""))
        XCTAssertNil(NodePath("a..b"))
    }
}
