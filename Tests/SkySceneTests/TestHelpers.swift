import Foundation
import XCTest
@testable import SkyScene

/// Paths and small helpers shared by the SkyScene tests.
enum Fixture {
    /// The package root, found from this file's location (Tests/SkySceneTests/TestHelpers.swift).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var quickstartPath: String {
        repositoryRoot.appendingPathComponent("Scenes/quickstart.yaml").path
    }

    static func quickstart(file: StaticString = #filePath, line: UInt = #line) throws -> SceneDescription {
        do {
            return try SceneLoader.load(path: quickstartPath)
        } catch {
            XCTFail("quickstart.yaml does not load: \(error)", file: file, line: line)
            throw error
        }
    }

    /// The issues the loader reports for `text`; fails the test when the text loads without error.
    static func issues(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [SceneIssue] {
        do {
            _ = try SceneLoader.parse(text, file: "test.yaml")
            XCTFail("expected the scene to be rejected", file: file, line: line)
            return []
        } catch let errors as SceneErrors {
            XCTAssertFalse(errors.issues.isEmpty, "SceneErrors without issues", file: file, line: line)
            return errors.issues
        } catch {
            XCTFail("expected SceneErrors, got \(type(of: error)): \(error)", file: file, line: line)
            return []
        }
    }

    /// The single issue reported for `text`.
    static func singleIssue(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> SceneIssue? {
        let all = issues(text, file: file, line: line)
        XCTAssertEqual(all.count, 1, "expected exactly one issue, got:\n\(all.map(\.description).joined(separator: "\n"))",
                       file: file, line: line)
        return all.first
    }

    /// Asserts an issue's location, field path and message fragments.
    static func assertIssue(_ issue: SceneIssue?, line: Int, column: Int, field: String, contains fragments: [String],
                            file: StaticString = #filePath, testLine: UInt = #line) {
        guard let issue else {
            XCTFail("no issue", file: file, line: testLine)
            return
        }
        XCTAssertEqual(issue.file, "test.yaml", file: file, line: testLine)
        XCTAssertEqual(issue.line, line, "line of: \(issue)", file: file, line: testLine)
        XCTAssertEqual(issue.column, column, "column of: \(issue)", file: file, line: testLine)
        XCTAssertEqual(issue.field, field, "field of: \(issue)", file: file, line: testLine)
        for fragment in fragments {
            XCTAssertTrue(issue.message.contains(fragment), "message '\(issue.message)' lacks '\(fragment)'",
                          file: file, line: testLine)
        }
    }
}

/// Sample moments with their standard errors.
struct Moments {
    let count: Int
    let mean: Double
    let variance: Double
    /// Fourth central moment.
    let m4: Double

    init(_ xs: [Double]) {
        count = xs.count
        let n = Double(xs.count)
        mean = xs.reduce(0, +) / n
        var s2 = 0.0, s4 = 0.0
        for x in xs {
            let d = x - mean
            s2 += d * d
            s4 += d * d * d * d
        }
        variance = s2 / (n - 1)
        m4 = s4 / n
    }

    /// Standard error of the mean.
    var meanError: Double { (variance / Double(count)).squareRoot() }
    /// Standard error of the sample variance, (μ4 − σ⁴)/N estimated from the sample.
    var varianceError: Double { ((m4 - variance * variance) / Double(count)).squareRoot() }
}

/// Asserts |actual − expected| ≤ k·sigma.
func assertWithinSigma(_ actual: Double, _ expected: Double, sigma: Double, k: Double = 5, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(sigma > 0 && sigma.isFinite, "\(what): bad sigma \(sigma)", file: file, line: line)
    XCTAssertLessThanOrEqual(abs(actual - expected), k * sigma,
                             "\(what): \(actual) vs expected \(expected) (σ = \(sigma), \(abs(actual - expected) / sigma) σ off)",
                             file: file, line: line)
}
