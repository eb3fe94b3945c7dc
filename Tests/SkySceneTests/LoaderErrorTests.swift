import Foundation
import XCTest
@testable import SkyScene

/// Every loader error names the file, 1-based line and column, the field path and what is allowed.
final class LoaderErrorTests: XCTestCase {
    /// A valid scene; the tests replace whole lines by number (the numbers are on the right).
    static let valid = """
        name: test
        seed: 7
        count: 10
        image:
          size: [32, 32]
          pixel_scale: 0.2
        bands:
          - name: g
            zero_point: 28.0
            exposure_time: 60
            sky: {magnitude: 22}
            psf: {type: gaussian, fwhm: 0.8}
            noise: {type: ccd, gain: 1, read_noise: 5}
          - name: r
            zero_point: 28.0
            exposure_time: 60
            sky: {magnitude: 21}
            psf: {type: moffat, beta: 3, fwhm: 0.7}
            noise: {type: none}
        objects:
          - type: sersic
            n: 1.5
            half_light_radius: 0.5
            magnitude:
              r: 20
              g: {relative_to: r, normal: {mean: 0.5, sigma: 0.1}}
          - type: star
            magnitude: 21

        """
    // Lines:  1 name, 2 seed, 3 count, 4 image, 5 size, 6 pixel_scale, 7 bands, 8 "- name: g", 9 zero_point,
    // 10 exposure_time, 11 sky, 12 psf, 13 noise, 14 "- name: r", 15–19 band r, 20 objects, 21 "- type: sersic",
    // 22 n, 23 half_light_radius, 24 magnitude, 25 r, 26 g, 27 "- type: star", 28 magnitude.

    /// `valid` with line `number` (1-based), which must read `old` after its indentation, replaced by `new`.
    func edit(_ edits: (Int, String, String)..., file: StaticString = #filePath, line: UInt = #line) -> String {
        var lines = Self.valid.components(separatedBy: "\n")
        for (number, old, new) in edits {
            let current = lines[number - 1]
            let indent = String(current.prefix { $0 == " " })
            XCTAssertEqual(current.dropFirst(indent.count), Substring(old), "line \(number) of the base scene", file: file, line: line)
            lines[number - 1] = indent + new
        }
        return lines.joined(separator: "\n")
    }

    func testBaseSceneIsValid() throws {
        let scene = try SceneLoader.parse(Self.valid, file: "test.yaml")
        XCTAssertEqual(scene.bands.map(\.name), ["g", "r"])
        XCTAssertEqual(scene.objects.map(\.kind.name), ["sersic", "star"])
    }

    // MARK: unknown keys

    func testUnknownTopLevelKey() {
        let text = Self.valid + "colour: blue\n"
        Fixture.assertIssue(Fixture.singleIssue(text), line: 29, column: 1, field: "colour",
                            contains: ["unknown key 'colour'",
                                       "allowed keys here: name, seed, count, image, bands, objects, description, splits, output"])
    }

    func testUnknownKeyInsideBand() {
        let text = edit((13, "noise: {type: ccd, gain: 1, read_noise: 5}", "noise: {type: ccd, gain: 1, read_noise: 5}\n    seeing: 0.8"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 14, column: 5, field: "bands[0].seeing",
                            contains: ["unknown key 'seeing'", "name, zero_point, exposure_time, sky, psf, noise"])
    }

    func testUnknownKeyInsideFlowMapping() {
        let text = edit((12, "psf: {type: gaussian, fwhm: 0.8}", "psf: {type: gaussian, fwhm: 0.8, sigma: 1}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 12, column: 38, field: "bands[0].psf.sigma",
                            contains: ["unknown key 'sigma'", "type, fwhm, beta"])
    }

    func testMissingRequiredKey() {
        let text = edit((2, "seed: 7", "# no seed"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 1, column: 1, field: "seed",
                            contains: ["missing required key 'seed'"])
    }

    // MARK: wrong types

    func testQuotedStringForCount() {
        let text = edit((3, "count: 10", "count: \"ten\""))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 3, column: 8, field: "count",
                            contains: ["1 ≤ count ≤ 100000000", "quoted string"])
    }

    func testQuotedNumberIsNotANumber() {
        let text = edit((3, "count: 10", "count: \"10\""))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 3, column: 8, field: "count",
                            contains: ["1 ≤ count ≤ 100000000", "quoted string"])
    }

    func testWordForPixelScale() {
        let text = edit((6, "pixel_scale: 0.2", "pixel_scale: abc"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 6, column: 16, field: "image.pixel_scale",
                            contains: ["0 < pixel_scale ≤ 100", "'abc'"])
    }

    // MARK: ranges

    func testSersicIndexBelowRange() {
        let text = edit((22, "n: 1.5", "n: 0.1"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 22, column: 8, field: "objects[0].n",
                            contains: ["0.3 ≤ n ≤ 6.2", "0.1"])
    }

    func testNegativeHalfLightRadius() {
        let text = edit((23, "half_light_radius: 0.5", "half_light_radius: -1"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 23, column: 24, field: "objects[0].half_light_radius",
                            contains: ["half_light_radius > 0", "-1"])
    }

    func testDistributionLeavingTheRange() {
        let text = edit((22, "n: 1.5", "n: {uniform: [0.1, 2]}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 22, column: 8, field: "objects[0].n",
                            contains: ["uniform", "0.1", "0.3 ≤ n ≤ 6.2"])
    }

    func testDistributionLeavingTheRangeAtTheTop() {
        let text = edit((22, "n: 1.5", "n: {log_uniform: [1, 8]}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 22, column: 8, field: "objects[0].n",
                            contains: ["log_uniform", "8", "0.3 ≤ n ≤ 6.2"])
    }

    func testUnboundedNormalSuggestsTruncatedNormal() {
        let text = edit((22, "n: 1.5", "n: {normal: {mean: 2, sigma: 0.5}}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 22, column: 8, field: "objects[0].n",
                            contains: ["normal", "0.3 ≤ n ≤ 6.2", "truncated_normal"])
    }

    func testLognormalHasNoUpperBound() {
        let text = edit((22, "n: 1.5", "n: {lognormal: {median: 2, sigma: 0.5}}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 22, column: 8, field: "objects[0].n",
                            contains: ["lognormal", "0.3 ≤ n ≤ 6.2", "truncated_normal"])
    }

    func testTruncatedNormalInsideTheRangeIsAccepted() throws {
        let text = edit((22, "n: 1.5", "n: {truncated_normal: {mean: 2, sigma: 3, min: 0.3, max: 6.2}}"))
        let scene = try SceneLoader.parse(text, file: "test.yaml")
        guard case .sersic(let s) = scene.objects[0].kind else { return XCTFail("not a Sérsic group") }
        XCTAssertEqual(s.n, .truncatedNormal(mean: 2, sigma: 3, low: 0.3, high: 6.2))
    }

    // MARK: bands and magnitudes

    func testUnknownBandInRelativeTo() {
        let text = edit((26, "g: {relative_to: r, normal: {mean: 0.5, sigma: 0.1}}", "g: {relative_to: x, normal: {mean: 0.5, sigma: 0.1}}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 26, column: 24, field: "objects[0].magnitude.g.relative_to",
                            contains: ["unknown band 'x'", "g, r"])
    }

    func testMagnitudeMappingMissingABand() {
        let text = edit((26, "g: {relative_to: r, normal: {mean: 0.5, sigma: 0.1}}", "# g forgotten"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 25, column: 7, field: "objects[0].magnitude.g",
                            contains: ["missing band 'g'", "g, r"])
    }

    func testMagnitudeForAnUnknownBand() {
        let text = edit((25, "r: 20", "r: 20\n      z: 20"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 26, column: 7, field: "objects[0].magnitude.z",
                            contains: ["unknown key 'z'", "g, r"])
    }

    func testRelativeToCycle() {
        let text = edit((25, "r: 20", "r: {relative_to: g, value: 0.2}"))
        let issue = Fixture.singleIssue(text)
        Fixture.assertIssue(issue, line: 25, column: 7, field: "objects[0].magnitude", contains: ["cycle"])
    }

    func testColourPushingTheMagnitudeOutOfRangeIsRejected() {
        // r ∈ [19, 22] plus a colour of −1000 gives g ≈ −980 mag: outside the magnitude range −10…50 that an absolute
        // magnitude is held to, and its flux (t·10^(−0.4(m − zp)) ≈ 10^403) overflows to +inf, which no image can
        // hold (the truth JSON would record it as "inf"). The loader must refuse it.
        let text = edit((26, "g: {relative_to: r, normal: {mean: 0.5, sigma: 0.1}}", "g: {relative_to: r, value: -1000}"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.first?.line, 26, all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(all.first?.field.hasPrefix("objects[0].magnitude.g"), true, all.map(\.description).joined(separator: "\n"))
    }

    func testDuplicateBandNames() {
        let text = edit((14, "- name: r", "- name: g"))
        let all = Fixture.issues(text)
        let duplicates = all.filter { $0.message.contains("duplicate band name") }
        XCTAssertEqual(duplicates.count, 1, all.map(\.description).joined(separator: "\n"))
        Fixture.assertIssue(duplicates.first, line: 14, column: 5, field: "bands[1]", contains: ["duplicate band name 'g'"])
        XCTAssertEqual(all.first?.line, 14, "the duplicate is the first problem in the file")
    }

    // MARK: splits, closed sets

    func testSplitsNotSummingToOne() {
        let text = edit((3, "count: 10", "count: 10\nsplits: {train: 0.8, validation: 0.1, test: 0.2}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 4, column: 9, field: "splits",
                            contains: ["train + validation + test must be 1", "1.1"])
    }

    func testSplitFractionOutOfRange() {
        let text = edit((3, "count: 10", "count: 10\nsplits: {train: 1.2, validation: -0.2}"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.map(\.field), ["splits.train", "splits.validation"], all.map(\.description).joined(separator: "\n"))
        for issue in all {
            XCTAssertEqual(issue.line, 4)
            XCTAssertTrue(issue.message.contains("≤ 1"), issue.message)
        }
    }

    func testUnknownPSFType() {
        let text = edit((12, "psf: {type: gaussian, fwhm: 0.8}", "psf: {type: vonkarman, fwhm: 0.8}"))
        // (Whether a bad band also produces follow-on errors is testBandErrorDoesNotCascadeIntoObjects' business.)
        let issue = Fixture.issues(text).first { $0.line == 12 }
        Fixture.assertIssue(issue, line: 12, column: 17, field: "bands[0].psf.type",
                            contains: ["unknown PSF type 'vonkarman'", "gaussian, moffat, airy"])
    }

    func testUnknownNoiseType() {
        let text = edit((19, "noise: {type: none}", "noise: {type: poisson}"))
        let issue = Fixture.issues(text).first { $0.line == 19 }
        Fixture.assertIssue(issue, line: 19, column: 19, field: "bands[1].noise.type",
                            contains: ["unknown noise type 'poisson'", "none, gaussian, ccd"])
    }

    func testBandErrorDoesNotCascadeIntoObjects() {
        // One mistake in band g must give one issue, not also "unknown key 'r'; allowed keys here: " (an empty list)
        // for every per-band magnitude of every object.
        let text = edit((9, "zero_point: 28.0", "zero_point: 99"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.map(\.field), ["bands[0].zero_point"], all.map(\.description).joined(separator: "\n"))
        Fixture.assertIssue(all.first, line: 9, column: 17, field: "bands[0].zero_point", contains: ["0 ≤ zero_point ≤ 50"])
    }

    func testUnknownObjectType() {
        let text = edit((27, "- type: star", "- type: galaxy"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 27, column: 11, field: "objects[1].type",
                            contains: ["unknown object type 'galaxy'", "sersic, star"])
    }

    func testCountWithTwoDistributionsIsRejected() {
        // `weights`/a second count form must not be silently ignored (ARCHITECTURE.md: no silently ignored keys).
        let text = edit((27, "- type: star", "- type: star\n    count: {uniform_int: [0, 2], poisson: 1}"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.first?.line, 28, all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(all.first?.field.hasPrefix("objects[1].count"), true, all.map(\.description).joined(separator: "\n"))
    }

    // MARK: many errors at once

    func testAllErrorsAreReportedSortedByLine() {
        let text = edit((27, "- type: star", "- type: galaxy"),
                        (22, "n: 1.5", "n: 0.1"),
                        (23, "half_light_radius: 0.5", "half_light_radius: -1"),
                        (6, "pixel_scale: 0.2", "pixel_scale: abc"),
                        (3, "count: 10", "count: \"ten\""),
                        (2, "seed: 7", "seed: -7"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.map(\.line), [2, 3, 6, 22, 23, 27], all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(all.map(\.field), ["seed", "count", "image.pixel_scale", "objects[0].n", "objects[0].half_light_radius",
                                          "objects[1].type"])
        XCTAssertEqual(all.map(\.column), [7, 8, 16, 8, 24, 11])
    }

    func testErrorsOnOneLineAreSortedByColumn() {
        let text = edit((4, "image:", "image: {size: 2, pixel_scale: 0}"), (5, "size: [32, 32]", "# -"), (6, "pixel_scale: 0.2", "# -"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.map(\.field), ["image.size", "image.pixel_scale"], all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(all.map(\.line), [4, 4])
        XCTAssertEqual(all.map(\.column), [15, 31])
        XCTAssertEqual(all.first?.message.contains("4 ≤ size ≤ 4096"), true, all.first?.message ?? "")
        XCTAssertEqual(all.last?.message.contains("0 < pixel_scale ≤ 100"), true, all.last?.message ?? "")
    }

    func testBothBadImageSizesAreReported() {
        // "Every problem is reported at once": a bad width must not hide a bad height.
        let text = edit((5, "size: [32, 32]", "size: [2, 5000]"))
        let all = Fixture.issues(text)
        XCTAssertEqual(all.map(\.column), [10, 13], all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(all.map(\.line), [5, 5])
        XCTAssertTrue(all.allSatisfy { $0.message.contains("4096") }, all.map(\.message).joined(separator: "\n"))
    }

    func testDescriptionFormat() {
        let issue = Fixture.singleIssue(edit((22, "n: 1.5", "n: 0.1")))
        XCTAssertEqual(issue?.description.hasPrefix("test.yaml:22:8: objects[0].n: "), true, issue?.description ?? "")
        do {
            _ = try SceneLoader.parse(edit((22, "n: 1.5", "n: 0.1"), (6, "pixel_scale: 0.2", "pixel_scale: abc")), file: "test.yaml")
            XCTFail("accepted")
        } catch let errors as SceneErrors {
            let lines = errors.description.components(separatedBy: "\n")
            XCTAssertEqual(lines.count, 2)
            XCTAssertTrue(lines[0].hasPrefix("test.yaml:6:16: image.pixel_scale: "), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("test.yaml:22:8: objects[0].n: "), lines[1])
        } catch {
            XCTFail("\(error)")
        }
    }

    // MARK: YAML and files

    func testYAMLSyntaxErrorHasALine() {
        let text = edit((9, "zero_point: 28.0", "zero_point: 28.0: 1"))
        guard let issue = Fixture.singleIssue(text) else { return }
        XCTAssertEqual(issue.file, "test.yaml")
        XCTAssertEqual(issue.line, 9, issue.description)
        XCTAssertGreaterThan(issue.column, 0, issue.description)
        XCTAssertTrue(issue.message.contains("YAML"), issue.message)
    }

    func testUnclosedFlowMappingHasALine() {
        let text = edit((11, "sky: {magnitude: 22}", "sky: {magnitude: 22"))
        guard let issue = Fixture.singleIssue(text) else { return }
        XCTAssertGreaterThanOrEqual(issue.line, 11, issue.description)
        XCTAssertGreaterThan(issue.column, 0, issue.description)
    }

    func testDuplicateYAMLKeyHasALine() {
        // Yams itself rejects duplicate keys (YamlError.duplicatedKeysInMapping, which carries a mark);
        // the issue must still say where.
        let text = edit((3, "count: 10", "count: 10\ncount: 11"))
        guard let issue = Fixture.singleIssue(text) else { return }
        XCTAssertTrue([3, 4].contains(issue.line), "a duplicate key must be located: \(issue)")
        XCTAssertEqual(issue.column, 1, issue.description)
        XCTAssertTrue(issue.message.contains("count"), issue.message)
    }

    func testUndefinedAliasHasALine() {
        let text = edit((12, "psf: {type: gaussian, fwhm: 0.8}", "psf: *standard"))
        guard let issue = Fixture.singleIssue(text) else { return }
        XCTAssertEqual(issue.line, 12, "an undefined alias must be located: \(issue)")
        XCTAssertEqual(issue.column, 10, issue.description)
    }

    func testAnchorsAndAliasesAreResolved() throws {
        let text = edit((12, "psf: {type: gaussian, fwhm: 0.8}", "psf: &standard {type: gaussian, fwhm: 0.8}"),
                        (18, "psf: {type: moffat, beta: 3, fwhm: 0.7}", "psf: *standard"))
        let scene = try SceneLoader.parse(text, file: "test.yaml")
        XCTAssertEqual(scene.bands.map(\.psf), [.gaussian(fwhm: 0.8), .gaussian(fwhm: 0.8)])
    }

    func testEmptyText() {
        let issue = Fixture.singleIssue("# nothing here\n")
        XCTAssertEqual(issue?.message.contains("empty"), true, issue?.description ?? "")
    }

    func testMissingFileNamesThePath() {
        let path = NSTemporaryDirectory() + "skyscene-tests-\(UUID().uuidString)/nowhere.yaml"
        XCTAssertThrowsError(try SceneLoader.load(path: path)) { error in
            guard let errors = error as? SceneErrors else { return XCTFail("expected SceneErrors, got \(error)") }
            XCTAssertEqual(errors.issues.count, 1)
            XCTAssertEqual(errors.issues.first?.file, path)
            XCTAssertTrue(errors.description.contains(path), errors.description)
            XCTAssertTrue(errors.description.contains("no such scene file"), errors.description)
        }
    }

    func testNonUTF8FileIsReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyscene-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("latin1.yaml")
        try Data([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xff, 0x0a]).write(to: url)
        XCTAssertThrowsError(try SceneLoader.load(path: url.path)) { error in
            let issues = (error as? SceneErrors)?.issues ?? []
            XCTAssertEqual(issues.count, 1)
            XCTAssertEqual(issues.first?.file, url.path)
            XCTAssertEqual(issues.first?.message.contains("UTF-8"), true, issues.first?.message ?? "")
        }
    }

    func testLoadReportsThePathOfAFileWithErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyscene-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bad.yaml")
        try edit((22, "n: 1.5", "n: 7")).write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SceneLoader.load(path: url.path)) { error in
            let issues = (error as? SceneErrors)?.issues ?? []
            XCTAssertEqual(issues.count, 1)
            XCTAssertEqual(issues.first?.file, url.path)
            XCTAssertEqual(issues.first?.line, 22)
            XCTAssertEqual(issues.first?.message.contains("0.3 ≤ n ≤ 6.2"), true)
        }
    }
}
