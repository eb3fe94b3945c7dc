/// Scenes/shapes.yaml end to end: every shape's label columns (exact area, bounding box, parameters) and images
/// whose flux matches the labels.
import Foundation
import SkyDataset
import XCTest

final class ShapeDatasetTests: CLITestCase {
    func testShapeLabelsMatchTheirGeometryAndTheNoiselessImages() throws {
        let scene = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/shapes.yaml")
        // Without noise and with a Gaussian instead of the Airy band, each stamp keeps nearly all its shapes' flux.
        let out = outputPath("shapes.h5")
        let result = try run(["generate", scene.path, "--count", "12", "--no-card", "-o", out, "--set", "bands.*.noise={type: none}",
                              "--set", "bands.1.psf={type: gaussian, fwhm: 0.7}", "--quiet"])
        XCTAssertEqual(result.status, 0, result.transcript)
        let kinds = try DatasetReader.readStrings(path: out, dataset: "/objects/kind")
        let radius = try DatasetReader.readDoubles(path: out, dataset: "/objects/radius")
        let width = try DatasetReader.readDoubles(path: out, dataset: "/objects/width")
        let height = try DatasetReader.readDoubles(path: out, dataset: "/objects/height")
        let area = try DatasetReader.readDoubles(path: out, dataset: "/objects/area")
        let box = try DatasetReader.readDoubles(path: out, dataset: "/objects/bbox")
        let x = try DatasetReader.readDoubles(path: out, dataset: "/objects/x")
        let y = try DatasetReader.readDoubles(path: out, dataset: "/objects/y")
        let vertices = try DatasetReader.readIntegers(path: out, dataset: "/objects/vertices")
        let outline = try DatasetReader.readDoubles(path: out, dataset: "/objects/outline_width")
        XCTAssertGreaterThan(kinds.count, 12)
        for (row, kind) in kinds.enumerated() {
            switch kind {
            case "circle":
                XCTAssertEqual(area[row], Double.pi * radius[row] * radius[row], accuracy: 1e-12, "row \(row)")
                XCTAssertEqual(box[4 * row + 2] - box[4 * row], 2 * radius[row] / 0.2, accuracy: 1e-9, "circle bbox width")
            case "rectangle":
                XCTAssertEqual(area[row], width[row] * height[row], accuracy: 1e-12, "row \(row)")
            case "polygon":
                let n = Double(vertices[row])
                XCTAssertEqual(area[row], 0.5 * n * radius[row] * radius[row] * sin(2 * Double.pi / n), accuracy: 1e-12)
            default:
                XCTAssertTrue(area[row] > 0 && area[row].isFinite, "\(kind) row \(row) has an area")
            }
            XCTAssertEqual(outline[row].isNaN, kind != "ellipse", "only ellipses are outlined in this scene")
            guard kind != "arc" else { continue }  // an arc's centre of curvature may lie outside its stroke's box
            XCTAssertTrue(box[4 * row] <= x[row] && x[row] <= box[4 * row + 2], "\(kind) centre x inside its box")
            XCTAssertTrue(box[4 * row + 1] <= y[row] && y[row] <= box[4 * row + 3], "\(kind) centre y inside its box")
        }
        let samples = try DatasetReader.readIntegers(path: out, dataset: "/objects/sample")
        let flux = try DatasetReader.readDoubles(path: out, dataset: "/objects/flux")
        for sample in 0..<12 {
            let noiseless = try DatasetReader.readFloatImages(path: out, sample: sample, dataset: "/noiseless")
            XCTAssertEqual(noiseless.count, 2 * 64 * 64)
            for band in 0..<2 {
                let sum = noiseless[(band * 4096)..<((band + 1) * 4096)].reduce(0.0) { $0 + Double($1) }
                let labelled = samples.indices.filter { samples[$0] == sample }.reduce(0.0) { $0 + flux[2 * $1 + band] }
                XCTAssertLessThanOrEqual(sum, labelled * (1 + 1e-5), "sample \(sample) band \(band)")
                XCTAssertGreaterThanOrEqual(sum, labelled * 0.97, "sample \(sample) band \(band): little light leaves the stamp")
            }
        }
    }
}
