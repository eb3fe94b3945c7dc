/// `skysynth validate`, on the built binary: a good scene prints "ok" and a summary and exits 0;
/// a bad one prints every problem at once (one `error:` line each, sorted by position) and exits 1.
import Foundation
import XCTest

final class ValidateTests: CLITestCase {
    func testGoodSceneIsOK() throws {
        let scenePath = try writeScene(SceneText(name: "valid-scene", seed: 77, count: 9).yaml)
        let result = try run(["validate", scenePath])
        XCTAssertEqual(result.status, 0, result.transcript)
        let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(first.hasPrefix("ok"), result.transcript)
        XCTAssertTrue(first.contains("valid-scene"), result.transcript)
        XCTAssertTrue(first.contains("9 samples"), result.transcript)
        XCTAssertTrue(first.contains("seed 77"), result.transcript)
        XCTAssertTrue(result.stdout.contains("g, r"), result.transcript)
        XCTAssertTrue(result.stdout.contains("sersic, star"), result.transcript)
        XCTAssertEqual(result.errorLines, [], result.transcript)
        XCTAssertEqual(entries(of: outputFolder), [], "validate writes nothing")
    }

    func testBadSceneListsEveryProblem() throws {
        // Three independent problems in three different sections.
        var text = SceneText(sersicN: "0.1").replacing("count: 8", with: "count: many")
        text = text.replacing("      r: {uniform: [19, 21]}\n", with: "      r: {uniform: [19, 21]}\n      z: 20.5\n")
        let scenePath = try writeScene(text, name: "three-problems.yaml")
        let result = try run(["validate", scenePath])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertFalse(result.stdout.contains("ok"), result.transcript)
        let errors = result.errorLines
        XCTAssertEqual(errors.count, 3, "one error line per problem\n\(result.transcript)")
        let lines = text.components(separatedBy: "\n")
        func lineNumber(_ needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        let expected = [
            "error: \(scenePath):\(lineNumber("count: many")):8: count: ",
            "error: \(scenePath):\(lineNumber("    n: 0.1")):8: objects[0].n: ",
            "error: \(scenePath):\(lineNumber("      z: 20.5")):7: objects[0].magnitude.z: ",
        ]
        for (index, prefix) in expected.enumerated() {
            XCTAssertTrue(errors.count > index && errors[index].hasPrefix(prefix),
                          "error \(index + 1) should start with '\(prefix)' (errors sorted by position)\n\(result.transcript)")
        }
        XCTAssertTrue(errors.contains { $0.contains("1 ≤ count ≤ 100000000") }, result.transcript)
        XCTAssertTrue(errors.contains { $0.contains("0.3 ≤ n ≤ 6.2") }, result.transcript)
        XCTAssertTrue(errors.contains { $0.contains("unknown key 'z'") && $0.contains("g, r") }, result.transcript)
        XCTAssertTrue(result.stderr.contains("3 problems in \(scenePath)"), result.transcript)
    }

    /// One bad band value is one problem: it must not also make every per-band magnitude entry
    /// (`magnitude: {r: …, g: …}`) an "unknown key" with an empty list of allowed keys.
    func testOneBadBandValueIsOneProblem() throws {
        let text = SceneText().replacing("sky: {magnitude: 21.5}", with: "sky: {magnitude: 99}")
        let scenePath = try writeScene(text, name: "one-problem.yaml")
        let result = try run(["validate", scenePath])
        XCTAssertEqual(result.status, 1, result.transcript)
        let errors = result.errorLines
        XCTAssertTrue(errors.first?.contains("bands[1].sky.magnitude") == true, result.transcript)
        XCTAssertTrue(errors.first?.contains("0 ≤ magnitude ≤ 50") == true, result.transcript)
        XCTAssertEqual(errors.count, 1, "one problem, one error line (no cascade into objects[0].magnitude)\n\(result.transcript)")
        XCTAssertFalse(result.stderr.contains("allowed keys here: \n"), "an empty list of allowed keys\n\(result.transcript)")
        XCTAssertTrue(result.stderr.contains("1 problem in \(scenePath)"), result.transcript)
    }

    func testYAMLSyntaxErrorHasALocation() throws {
        let text = SceneText().replacing("image: {size: [16, 16], pixel_scale: 0.2}", with: "image: {size: [16, 16], pixel_scale: 0.2")
        let scenePath = try writeScene(text, name: "syntax.yaml")
        let result = try run(["validate", scenePath])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertEqual(result.errorLines.count, 1, result.transcript)
        let pattern = "^error: " + NSRegularExpression.escapedPattern(for: scenePath) + ":[1-9][0-9]*:[1-9][0-9]*: "
        XCTAssertNotNil(result.errorLines.first?.range(of: pattern, options: .regularExpression), result.transcript)
    }
}
