import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// Geometric shapes through the renderer: flux = surface brightness × exact area, PSF blur conserves flux and
/// centroid, sharp shapes equal their exact coverage.
final class ShapeRenderingTests: XCTestCase {
    let renderer = SampleRenderer(seed: 3)

    func shape(_ kind: GeometricKind, _ parameters: [String: Double], vertices: Int? = nil, rotation: Double = 0,
               outline: Double? = nil, convolved: Bool) -> ObjectShapeSpec {
        .geometric(GeometricSpec(kind: kind, parameters: parameters, vertices: vertices, rotation: rotation, outlineWidth: outline,
                                 convolved: convolved))
    }

    /// One of every kind, with sub-pixel offsets and rotations, all inside a 64×64 stamp.
    func everyKind(convolved: Bool) -> [(ObjectShapeSpec, Double, Double)] {
        [
            (shape(.circle, ["radius": 1.13], convolved: convolved), 0.07, -0.03),
            (shape(.ellipse, ["radius": 1.9, "axis_ratio": 0.45], rotation: 33, outline: 0.3, convolved: convolved), -0.11, 0.21),
            (shape(.rectangle, ["width": 2.3, "height": 1.1], rotation: 17, convolved: convolved), 0.5, 0.3),
            (shape(.polygon, ["radius": 1.4], vertices: 5, rotation: 12, convolved: convolved), -0.4, 0.6),
            (shape(.starPolygon, ["radius": 1.6, "inner_ratio": 0.45], vertices: 6, rotation: 70, outline: 0.25,
                   convolved: convolved), 0.33, -0.27),
            (shape(.line, ["length": 3.7, "line_width": 0.31], rotation: 141, convolved: convolved), 0.1, 0.1),
            (shape(.arc, ["radius": 2.2, "line_width": 0.4, "start_angle": 300, "span": 200], rotation: 10, convolved: convolved),
             -0.2, -0.1),
            (shape(.ring, ["radius": 2.0, "inner_ratio": 0.6], outline: 0.2, convolved: convolved), 0.03, 0.41),
        ]
    }

    func render(_ object: (ObjectShapeSpec, Double, Double), psf: PSFDescription = .gaussian(fwhm: 0.5),
                flux: Double = 1e4) -> [Float] {
        renderer.renderSignal(RenderCase.sample(bands: [RenderCase.band(psf)], objects: [(object.0, object.1, object.2, flux)]))
    }

    func testSharpShapeSumsToItsFluxForEveryKind() {
        for object in everyKind(convolved: false) {
            let sum = render(object).reduce(0.0) { $0 + Double($1) }
            XCTAssertEqual(sum, 1e4, accuracy: 1e4 * 1e-6, "\(object.0.kindName)")
        }
    }

    func testBlurredShapeConservesFluxAndCentroid() {
        for object in everyKind(convolved: true) {
            let sharp = render((sharpened(object.0), object.1, object.2))
            let blurred = render(object)
            let sum = blurred.reduce(0.0) { $0 + Double($1) }
            XCTAssertEqual(sum, 1e4, accuracy: 1e4 * 1e-5, "\(object.0.kindName)")
            let a = centroid(sharp), b = centroid(blurred)
            XCTAssertEqual(a.x, b.x, accuracy: 1e-4, "\(object.0.kindName) x")
            XCTAssertEqual(a.y, b.y, accuracy: 1e-4, "\(object.0.kindName) y")
            XCTAssertLessThan(blurred.max()!, sharp.max()!, "the PSF lowers the peak of \(object.0.kindName)")
        }
    }

    /// The sharp image is the exact coverage divided by the area, times the flux, at the labelled position.
    func testSharpImageEqualsExactCoverage() {
        let object = everyKind(convolved: false)[3]
        let image = render(object)
        guard case .geometric(let g) = object.0 else { return XCTFail() }
        let placed = GeometricPlacement.placed(g, offsetX: object.1, offsetY: object.2,
                                               image: ImageGeometry(width: 64, height: 64, pixelScale: 0.2))
        var coverage = [Double](repeating: 0, count: 64 * 64)
        placed.addCoverage(into: &coverage, width: 64, height: 64, weight: 1e4 / placed.area)
        for i in coverage.indices { XCTAssertEqual(Double(image[i]), coverage[i], accuracy: 1e-3) }
        XCTAssertEqual(placed.centerX, 31.5 - 0.4 / 0.2, accuracy: 1e-12)
        XCTAssertEqual(placed.centerY, 31.5 + 0.6 / 0.2, accuracy: 1e-12)
    }

    /// A blurred square is non-negative (to float rounding) and lights pixels outside the square that stay dark sharp.
    func testBlurredImageIsNonNegativeAndSpreadsBeyondTheShape() {
        let object = (shape(.rectangle, ["width": 1.0, "height": 1.0], convolved: true), 0.0, 0.0)
        let image = render(object, psf: .moffat(beta: 3, fwhm: 0.8))
        XCTAssertGreaterThan(image.min()!, -1e-3)
        // Pixels 2″ (10 px) from the centre: outside the 1″ square, lit only by the PSF wings.
        XCTAssertGreaterThan(image[31 * 64 + 42], 0.01)
        let sharp = render((sharpened(object.0), 0, 0))
        XCTAssertEqual(sharp[31 * 64 + 42], 0)
    }

    func testShapePartlyOutsideTheStampKeepsOnlyItsInsideLight() {
        // A 4″ square centred on the left edge: half of it lies outside.
        let object = (shape(.rectangle, ["width": 4.0, "height": 4.0], convolved: false), -6.4 + 0.1, 0.0)
        let sum = render(object).reduce(0.0) { $0 + Double($1) }
        // Left edge of the stamp is at x = −6.4″; the square spans [−8.3, −4.3]″: 2.1/4 of it is inside.
        XCTAssertEqual(sum, 1e4 * 2.1 / 4, accuracy: 1e-2)
    }

    /// Sharp shapes in two bands with different fluxes: each band's image is Σ flux_b × coverage / area over the
    /// shapes (overlapping ones add), and a shape wholly outside the stamp adds nothing.
    func testSharpShapesAddTheirCoverageTimesEachBandsFlux() {
        let image = ImageGeometry(width: 64, height: 64, pixelScale: 0.2)
        let inside = [everyKind(convolved: false)[1], everyKind(convolved: false)[3]]  // ellipse and pentagon overlap
        let outside = (shape(.circle, ["radius": 1.0], convolved: false), 9.0, -9.0)  // 2.6″ beyond the corner
        var spec = RenderCase.sample(bands: [RenderCase.band(.gaussian(fwhm: 0.5)), RenderCase.band(.gaussian(fwhm: 0.5))],
                                     objects: (inside + [outside]).map { ($0.0, $0.1, $0.2, 1.0) })
        let fluxes = [[700.0, 2100.0], [1300.0, 0.0], [5000.0, 5000.0]]  // the pentagon is dark in band 2
        for (i, flux) in fluxes.enumerated() { spec.objects[i].flux = flux }
        let rendered = renderer.renderSignal(spec)
        for band in 0..<2 {
            var expected = [Double](repeating: 0, count: 64 * 64)
            for (i, object) in inside.enumerated() {
                guard case .geometric(let g) = object.0 else { return XCTFail() }
                let placed = GeometricPlacement.placed(g, offsetX: object.1, offsetY: object.2, image: image)
                placed.addCoverage(into: &expected, width: 64, height: 64, weight: fluxes[i][band] / placed.area)
            }
            var total = 0.0
            for p in 0..<(64 * 64) {
                XCTAssertEqual(Double(rendered[band * 64 * 64 + p]), expected[p], accuracy: 1e-3, "band \(band) pixel \(p)")
                total += Double(rendered[band * 64 * 64 + p])
            }
            XCTAssertEqual(total, fluxes[0][band] + fluxes[1][band], accuracy: 1e-2, "band \(band): the outside circle adds nothing")
        }
    }

    func sharpened(_ s: ObjectShapeSpec) -> ObjectShapeSpec {
        guard case .geometric(var g) = s else { return s }
        g.convolved = false
        return .geometric(g)
    }

    func centroid(_ image: [Float]) -> (x: Double, y: Double) {
        var sx = 0.0, sy = 0.0, total = 0.0
        for y in 0..<64 {
            for x in 0..<64 {
                let v = Double(image[y * 64 + x])
                sx += v * Double(x)
                sy += v * Double(y)
                total += v
            }
        }
        return (sx / total, sy / total)
    }
}
