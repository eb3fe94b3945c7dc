import Foundation
import XCTest
@testable import SkyScene

/// Geometric shapes in scene files: every kind loads with its parameters, and impossible shapes are refused
/// with the line, field and allowed range.
final class ShapeLoadingTests: XCTestCase {
    /// A scene whose only object is `object` (YAML lines indented by 4 spaces; the object starts on line 12).
    func scene(_ object: String) -> String {
        """
        name: test
        seed: 1
        count: 4
        image: {size: [32, 32], pixel_scale: 0.2}
        bands:
          - name: g
            zero_point: 28
            exposure_time: 1
            sky: {electrons: 10}
            psf: {type: gaussian, fwhm: 0.7}
            noise: {type: none}
        objects:
        \(object)
        """
    }

    func testShapesSceneLoadsEveryKind() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/shapes.yaml")
        let scene = try SceneLoader.load(path: url.path)
        XCTAssertEqual(scene.objects.map(\.kind.name),
                       ["circle", "ellipse", "rectangle", "polygon", "star_polygon", "line", "arc", "ring"])
        guard case .geometric(let arc) = scene.objects[6].kind else { return XCTFail("arc") }
        XCTAssertEqual(Set(arc.parameters.keys), ["radius", "line_width", "start_angle", "span"])
        guard case .geometric(let rectangle) = scene.objects[2].kind else { return XCTFail("rectangle") }
        XCTAssertFalse(rectangle.convolved)
        guard case .geometric(let polygon) = scene.objects[3].kind else { return XCTFail("polygon") }
        XCTAssertEqual(polygon.vertices, .uniformInt(low: 3, high: 8))
    }

    func testDrawnShapesStayWithinTheirRanges() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/shapes.yaml")
        let plan = SamplePlan(scene: try SceneLoader.load(path: url.path))
        var kinds: Set<String> = []
        for i in 0..<200 {
            for object in plan.sample(i).objects {
                guard case .geometric(let g) = object.shape else { return XCTFail("only shapes in this scene") }
                kinds.insert(g.kind.rawValue)
                if let outline = g.outlineWidth {
                    XCTAssertLessThan(outline, g.kind.outlineLimit(g.parameters, vertices: g.vertices), "sample \(i)")
                }
                if g.kind == .polygon { XCTAssertTrue((3...8).contains(g.vertices ?? 0)) }
                if g.kind == .arc { XCTAssertLessThan(g["line_width"], 2 * g["radius"]) }
            }
        }
        XCTAssertEqual(kinds.count, 8, "every kind appears in 200 samples")
    }

    func testPolygonWithTwoVerticesIsRefused() {
        let text = scene("  - type: polygon\n    vertices: 2\n    radius: 1\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 14, column: 15, field: "objects[0].vertices",
                            contains: ["vertices can be 2", "allowed vertices ≥ 3"])
    }

    func testOutlineWiderThanTheShapeIsRefused() {
        let text = scene("  - type: circle\n    radius: {uniform: [0.5, 1]}\n    outline: {uniform: [0.5, 1.2]}\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 15, column: 14, field: "objects[0].outline",
                            contains: ["outline can reach 1.2″", "allows outlines below 1.0″"])
    }

    func testOutlineOnALineIsAnUnknownKey() {
        let text = scene("  - type: line\n    length: 2\n    line_width: 0.3\n    outline: 0.1\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 16, column: 5, field: "objects[0].outline",
                            contains: ["unknown key 'outline'"])
    }

    func testArcWiderThanItsDiameterIsRefused() {
        let text = scene("  - type: arc\n    radius: 0.5\n    line_width: 1.0\n    span: 90\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(text), line: 13, column: 5, field: "objects[0].line_width",
                            contains: ["line_width can reach 1.0″", "allowed line_width < 2 × radius"])
    }

    func testRatioAndSpanRanges() {
        let ring = scene("  - type: ring\n    radius: 1\n    inner_ratio: 1\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(ring), line: 15, column: 18, field: "objects[0].inner_ratio",
                            contains: ["0 < inner_ratio < 1"])
        let arc = scene("  - type: arc\n    radius: 1\n    line_width: 0.2\n    span: 400\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(arc), line: 16, column: 11, field: "objects[0].span",
                            contains: ["0 < span ≤ 360"])
    }

    func testMissingParameterAndUnknownTypeListKinds() {
        let missing = scene("  - type: rectangle\n    width: 1\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(missing), line: 13, column: 5, field: "objects[0].height",
                            contains: ["missing required key 'height'"])
        let unknown = scene("  - type: hexagon\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(unknown), line: 13, column: 11, field: "objects[0].type",
                            contains: ["unknown object type 'hexagon'", "polygon", "star_polygon", "ring"])
    }

    func testMinSeparationIsParsedForEveryKindAndChecked() throws {
        let ok = try SceneLoader.parse(scene("  - type: circle\n    radius: 1\n    min_separation: 0.5\n    magnitude: 20"), file: "test.yaml")
        XCTAssertEqual(ok.objects[0].minSeparation, 0.5)
        let bad = scene("  - type: circle\n    radius: 1\n    min_separation: 0\n    magnitude: 20")
        Fixture.assertIssue(Fixture.singleIssue(bad), line: 15, column: 21, field: "objects[0].min_separation",
                            contains: ["0 < min_separation ≤ 100"])
    }
}
