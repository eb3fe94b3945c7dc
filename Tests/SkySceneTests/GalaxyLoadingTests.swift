import Foundation
import XCTest
@testable import SkyScene

/// Bulge + disk and spiral galaxies in scene files: Scenes/galaxies-plus.yaml loads and draws inside its ranges, and
/// impossible galaxies are refused with the line, column, field and allowed range.
final class GalaxyLoadingTests: XCTestCase {
    /// A two-band scene whose only object is `object` (YAML lines indented by 4 spaces; the object starts on line 9).
    func scene(_ object: String) -> String {
        """
        name: test
        seed: 1
        count: 4
        image: {size: [32, 32], pixel_scale: 0.2}
        bands:
          - {name: g, zero_point: 28, exposure_time: 1, sky: {electrons: 10}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: none}}
          - {name: r, zero_point: 28, exposure_time: 1, sky: {electrons: 10}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: none}}
        objects:
        \(object)
        """
    }

    let spiralLines = ["  - type: spiral", "    disk: {n: 1, half_light_radius: 1}", "    arms: 2", "    pitch: 20", "    magnitude: 20"]
    let bulgeDiskLines = ["  - type: bulge_disk", "    bulge: {n: 4, half_light_radius: 0.3}", "    disk: {n: 1, half_light_radius: 1}",
                          "    bulge_fraction: 0.3", "    magnitude: 20"]

    /// The spiral (or bulge + disk) lines with line `index` (0 = the type line, on scene line 9) replaced.
    func spiral(_ replacements: [Int: String], extra: [String] = []) -> String {
        scene(spiralLines.enumerated().map { replacements[$0.offset] ?? $0.element }.joined(separator: "\n")
              + extra.map { "\n" + $0 }.joined())
    }

    func bulgeDisk(_ replacements: [Int: String]) -> String {
        scene(bulgeDiskLines.enumerated().map { replacements[$0.offset] ?? $0.element }.joined(separator: "\n"))
    }

    var galaxiesPlusPath: String { Fixture.repositoryRoot.appendingPathComponent("Scenes/galaxies-plus.yaml").path }

    func testGalaxiesPlusSceneLoads() throws {
        let scene = try SceneLoader.load(path: galaxiesPlusPath)
        XCTAssertEqual(scene.objects.map(\.kind.name), ["bulge_disk", "spiral"])
        XCTAssertEqual(scene.bands.map(\.name), ["g", "r", "i", "z"])
        guard case .galaxy(let bulgeDisk) = scene.objects[0].kind, case .galaxy(let spiral) = scene.objects[1].kind else {
            return XCTFail("galaxies")
        }
        XCTAssertEqual(bulgeDisk.kind, .bulgeDisk)
        XCTAssertEqual(bulgeDisk.bulgeFraction?.sameInEveryBand, false)
        XCTAssertEqual(bulgeDisk.bulgeFraction?.values.count, 4)
        XCTAssertNil(bulgeDisk.arms)
        XCTAssertEqual(spiral.kind, .spiral)
        XCTAssertEqual(spiral.bulgeFraction?.sameInEveryBand, true)
        XCTAssertEqual(spiral.arms?.count, .choice(values: [2, 3, 4], weights: [0.6, 0.25, 0.15]))
        XCTAssertEqual(spiral.arms?.supersample, 4)
        XCTAssertEqual(scene.objects[1].minSeparation, 2.5)
    }

    func testDrawnGalaxiesStayWithinTheirRanges() throws {
        let plan = SamplePlan(scene: try SceneLoader.load(path: galaxiesPlusPath))
        var kinds: [String: Int] = [:], armCounts: Set<Int> = []
        for i in 0..<200 {
            for object in plan.sample(i).objects {
                guard case .galaxy(let g) = object.shape else { return XCTFail("only galaxies in this scene") }
                kinds[g.kind.rawValue, default: 0] += 1
                XCTAssertEqual(g.bulgeFraction.count, 4)
                switch g.kind {
                case .bulgeDisk:
                    XCTAssertNil(g.arms)
                    let bulge = try XCTUnwrap(g.bulge)
                    XCTAssertTrue((2.5...4.5).contains(bulge.n) && (0.15...0.45).contains(bulge.halfLightRadius))
                    XCTAssertTrue((0.05...0.30).contains(g.bulgeFraction[0]) && (0.20...0.55).contains(g.bulgeFraction[3]))
                    XCTAssertTrue((0.25...1).contains(g.disk.q))
                case .spiral:
                    let arms = try XCTUnwrap(g.arms)
                    armCounts.insert(arms.count)
                    XCTAssertEqual(g.disk.n, 1)
                    XCTAssertTrue((10...35).contains(arms.pitch) && (0.15...0.4).contains(arms.width))
                    XCTAssertTrue((0.3...0.8).contains(arms.fraction) && (0..<360).contains(arms.phase))
                    XCTAssertGreaterThanOrEqual(arms.sharpness, 1)
                    XCTAssertEqual(Set(g.bulgeFraction).count, 1, "one B/T for every band")
                    XCTAssertTrue((0.05...0.25).contains(g.bulgeFraction[0]))
                }
                // The total flux follows the magnitude; the components split it by B/T.
                for b in 0..<4 {
                    XCTAssertEqual(g.bulgeFlux(object.flux)[b] + g.diskFlux(object.flux)[b], object.flux[b],
                                   accuracy: object.flux[b] * 1e-14)
                }
            }
        }
        XCTAssertGreaterThan(kinds["bulge_disk"] ?? 0, 60)
        XCTAssertGreaterThan(kinds["spiral"] ?? 0, 60)
        XCTAssertEqual(armCounts, [2, 3, 4])
    }

    func testSharpnessFollowsArmWidth() {
        XCTAssertEqual(SpiralArmsSpec.sharpness(width: 0.5), 1, accuracy: 1e-12)
        for w in [0.05, 0.1, 0.2, 0.35, 0.5] {
            // At x = ±π w the profile ((1 + cos x)/2)^p is half its peak: the FWHM is w × 2π.
            let p = SpiralArmsSpec.sharpness(width: w)
            XCTAssertEqual(pow(0.5 * (1 + cos(Double.pi * w)), p), 0.5, accuracy: 1e-12, "w \(w)")
        }
        XCTAssertEqual(SpiralArmsSpec.meanProfile(sharpness: 1), 0.5, accuracy: 1e-13)
        XCTAssertEqual(SpiralArmsSpec.meanProfile(sharpness: 2), 0.375, accuracy: 1e-13)
    }

    func testPerBandBulgeFractionAndDefaults() throws {
        let text = bulgeDisk([3: "    bulge_fraction: {g: 0.2, r: {uniform: [0.3, 0.5]}}"])
        let loaded = try SceneLoader.parse(text, file: "test.yaml")
        guard case .galaxy(let g) = loaded.objects[0].kind else { return XCTFail() }
        XCTAssertEqual(g.bulgeFraction?.values, [.constant(0.2), .uniform(low: 0.3, high: 0.5)])
        let spiral = try SceneLoader.parse(spiral([:]), file: "test.yaml")
        guard case .galaxy(let s) = spiral.objects[0].kind, let arms = s.arms else { return XCTFail() }
        XCTAssertNil(s.bulge)
        XCTAssertEqual(arms.width, .constant(0.5))
        XCTAssertEqual(arms.fraction, .constant(0.5))
        XCTAssertEqual(arms.phase, .constant(0))
        XCTAssertEqual(arms.supersample, 4)
        let spec = SamplePlan(scene: spiral).sample(0)
        guard case .galaxy(let drawn) = spec.objects[0].shape else { return XCTFail() }
        XCTAssertEqual(drawn.bulgeFraction, [0, 0], "a spiral without bulge has B/T 0")
    }

    func testZeroArmsAreRefused() {
        Fixture.assertIssue(Fixture.singleIssue(spiral([2: "    arms: 0"])), line: 11, column: 11, field: "objects[0].arms",
                            contains: ["arms can be 0", "allowed 1 ≤ arms ≤ 16"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([2: "    arms: {uniform_int: [0, 3]}"])), line: 11, column: 11,
                            field: "objects[0].arms", contains: ["arms can be 0"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([2: "    arms: {poisson: 2}"])), line: 11, column: 11,
                            field: "objects[0].arms", contains: ["whole number"])
    }

    func testPitchOutsideZeroToNinetyIsRefused() {
        Fixture.assertIssue(Fixture.singleIssue(spiral([3: "    pitch: 95"])), line: 12, column: 12, field: "objects[0].pitch",
                            contains: ["95.0 is out of range", "allowed 0 < pitch < 90"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([3: "    pitch: {uniform: [0, 30]}"])), line: 12, column: 12,
                            field: "objects[0].pitch", contains: ["uniform can reach 0.0", "0 < pitch < 90"])
    }

    func testBulgeFractionAboveOneIsRefused() {
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([3: "    bulge_fraction: 1.2"])), line: 12, column: 21,
                            field: "objects[0].bulge_fraction", contains: ["1.2 is out of range", "allowed 0 ≤ bulge_fraction ≤ 1"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([3: "    bulge_fraction: {g: 0.2, r: 1.2}"])), line: 12, column: 33,
                            field: "objects[0].bulge_fraction.r", contains: ["1.2 is out of range", "0 ≤ bulge_fraction ≤ 1"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([3: "    bulge_fraction: {uniform: [0.5, 1.3]}"])), line: 12, column: 21,
                            field: "objects[0].bulge_fraction", contains: ["uniform can reach 1.3", "0 ≤ bulge_fraction ≤ 1"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([3: "    bulge_fraction: {g: 0.2}"])), line: 12, column: 21,
                            field: "objects[0].bulge_fraction.r", contains: ["missing band 'r'"])
    }

    func testOtherRangesAndRequiredKeys() {
        Fixture.assertIssue(Fixture.singleIssue(spiral([:], extra: ["    arm_width: 0.8"])), line: 14, column: 16,
                            field: "objects[0].arm_width", contains: ["0.05 ≤ arm_width ≤ 0.5"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([:], extra: ["    arm_fraction: 1.5"])), line: 14, column: 19,
                            field: "objects[0].arm_fraction", contains: ["0 ≤ arm_fraction ≤ 1"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([:], extra: ["    supersample: 9"])), line: 14, column: 18,
                            field: "objects[0].supersample", contains: ["1 ≤ supersample ≤ 8"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([1: "    bulge: {n: 7, half_light_radius: 0.3}"])), line: 10, column: 16,
                            field: "objects[0].bulge.n", contains: ["0.3 ≤ n ≤ 6.2"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([3: "    # no bulge_fraction"])), line: 9, column: 5,
                            field: "objects[0].bulge_fraction", contains: ["missing required key 'bulge_fraction'"])
        Fixture.assertIssue(Fixture.singleIssue(bulgeDisk([2: "    disk: {n: 1, half_light_radius: 1, pitch: 3}"])), line: 11,
                            column: 40, field: "objects[0].disk.pitch", contains: ["unknown key 'pitch'"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([:], extra: ["    bulge: {n: 4, half_light_radius: 0.3}"])), line: 9, column: 5,
                            field: "objects[0].bulge_fraction", contains: ["a bulge needs bulge_fraction"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([:], extra: ["    bulge_fraction: 0.2"])), line: 14, column: 21,
                            field: "objects[0].bulge_fraction", contains: ["bulge_fraction needs a bulge"])
        Fixture.assertIssue(Fixture.singleIssue(spiral([1: "    disk: {n: 1, half_light_radius: 1, q: 0.5, g1: 0.1}"])), line: 10,
                            column: 11, field: "objects[0].disk", contains: ["(q, beta) or as (g1, g2), not both"])
        let unknown = scene("  - type: barred_spiral\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(unknown), line: 9, column: 11, field: "objects[0].type",
                            contains: ["unknown object type 'barred_spiral'", "bulge_disk", "spiral"])
    }
}
