import XCTest
@testable import SkyScene

/// Airy PSFs in scene files: parsed values, defaults and errors naming line, field and range.
final class AiryLoadingTests: XCTestCase {
    let psfLine = "psf: {type: gaussian, fwhm: 0.8}"

    /// LoaderErrorTests.valid with whole lines (1-based, content after indentation) replaced.
    func edit(_ edits: (Int, String, String)..., file: StaticString = #filePath, line: UInt = #line) -> String {
        var lines = LoaderErrorTests.valid.components(separatedBy: "\n")
        for (number, old, new) in edits {
            let indent = String(lines[number - 1].prefix { $0 == " " })
            XCTAssertEqual(lines[number - 1].dropFirst(indent.count), Substring(old), file: file, line: line)
            lines[number - 1] = indent + new
        }
        return lines.joined(separator: "\n")
    }

    func testAiryWithAndWithoutObscurationLoads() throws {
        let text = edit((12, psfLine, "psf: {type: airy, lambda_over_d: 0.12, obscuration: 0.3}"),
                             (18, "psf: {type: moffat, beta: 3, fwhm: 0.7}", "psf: {type: airy, lambda_over_d: 0.1}"))
        let scene = try SceneLoader.parse(text, file: "test.yaml")
        XCTAssertEqual(scene.bands[0].psf, PSFDescription.airy(lambdaOverD: 0.12, obscuration: 0.3))
        XCTAssertEqual(scene.bands[1].psf, PSFDescription.airy(lambdaOverD: 0.1, obscuration: 0))
        XCTAssertEqual(scene.bands[1].psf.typeName, "airy")
        XCTAssertEqual(scene.bands[1].psf.fwhm, 0.1028994, accuracy: 1e-6)
    }

    func testObscurationOutOfRangeNamesTheRange() {
        let text = edit((12, psfLine, "psf: {type: airy, lambda_over_d: 0.12, obscuration: 0.95}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 12, column: 57, field: "bands[0].psf.obscuration",
                            contains: ["0.95", "allowed 0 ≤ obscuration ≤ 0.9"])
    }

    func testMissingLambdaOverD() {
        let text = edit((12, psfLine, "psf: {type: airy, obscuration: 0.2}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 12, column: 10, field: "bands[0].psf.lambda_over_d",
                            contains: ["missing required key 'lambda_over_d'"])
    }

    func testFwhmIsRejectedForAiryAndAiryKeysForOtherTypes() {
        let airyWithFWHM = edit((12, psfLine, "psf: {type: airy, lambda_over_d: 0.1, fwhm: 0.5}"))
        Fixture.assertIssue(Fixture.singleIssue(airyWithFWHM), line: 12, column: 49, field: "bands[0].psf.fwhm",
                            contains: ["airy PSFs take lambda_over_d and obscuration"])
        let gaussianWithObscuration = edit((12, psfLine, "psf: {type: gaussian, fwhm: 0.8, obscuration: 0.1}"))
        Fixture.assertIssue(Fixture.singleIssue(gaussianWithObscuration), line: 12, column: 51,
                            field: "bands[0].psf.obscuration", contains: ["obscuration belongs to airy PSFs only"])
    }

    func testUnknownTypeListsAiry() {
        let text = edit((12, psfLine, "psf: {type: kolmogorov, fwhm: 0.8}"))
        Fixture.assertIssue(Fixture.singleIssue(text), line: 12, column: 17, field: "bands[0].psf.type",
                            contains: ["unknown PSF type 'kolmogorov'", "gaussian, moffat, airy"])
    }
}
