import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// Lens systems through the renderer: the stamp's light agrees with the magnification label, non-lenses are drawn
/// unlensed, and the lens light sits on the deflector.
final class LensRenderingTests: XCTestCase {
    let renderer = SampleRenderer(seed: 5)
    let geometry = ImageGeometry(width: 64, height: 64, pixelScale: 0.2)

    func light(n: Double, radius: Double, x: Double = 0, y: Double = 0, flux: Double) -> LensLightSpec {
        LensLightSpec(n: n, halfLightRadius: radius, q: 1, beta: 0, g1: 0, g2: 0, offsetX: x, offsetY: y, flux: [flux],
                      magnitude: [0])
    }

    func lens(lensed: Bool, source: LensLightSpec, lensLight: LensLightSpec? = nil) -> LensSpec {
        LensSpec(isLensed: lensed, profile: .sie, thetaE: 1.2, q: 0.8, phi: 30, e1: 0.05, e2: 0.09, gamma1: 0.02, gamma2: -0.01,
                 supersample: 4, source: source, lensLight: lensLight)
    }

    func sample(_ l: LensSpec, x: Double = 0.1, y: Double = -0.15) -> (SampleSpec, ObjectSpec) {
        let object = ObjectSpec(id: 1, group: 0, shape: .lens(l), offsetX: x, offsetY: y, flux: [l.lensLight?.flux[0] ?? 0],
                                magnitude: [0])
        return (SampleSpec(index: 0, split: .train, image: geometry, bands: [RenderCase.band(.gaussian(fwhm: 0.4))],
                           objects: [object]), object)
    }

    func testStampFluxMatchesTheMagnificationLabel() {
        let l = lens(lensed: true, source: light(n: 1, radius: 0.15, x: 0.2, y: 0.1, flux: 1e4))
        let (spec, object) = sample(l)
        let sum = renderer.renderSignal(spec).reduce(0.0) { $0 + Double($1) }
        let magnification = LensImages.magnification(l, object: object, image: geometry)
        XCTAssertGreaterThan(magnification, 2)
        XCTAssertEqual(sum / 1e4, magnification, accuracy: magnification * 2e-3)
    }

    func testNonLensIsTheUnlensedSourceAndHasMagnificationOne() {
        let source = light(n: 1, radius: 0.3, x: 0.4, y: 0, flux: 1e4)
        let (spec, object) = sample(lens(lensed: false, source: source))
        let image = renderer.renderSignal(spec)
        XCTAssertEqual(LensImages.magnification(lens(lensed: false, source: source), object: object, image: geometry), 1)
        XCTAssertEqual(LensImages.imageCount(lens(lensed: false, source: source), object: object), 1)
        // Centroid at deflector + source offset: (0.1 + 0.4, −0.15)″ → pixel (31.5 + 2.5, 31.5 − 0.75).
        var sx = 0.0, sy = 0.0, total = 0.0
        for y in 0..<64 {
            for x in 0..<64 {
                let v = Double(image[y * 64 + x])
                sx += v * Double(x)
                sy += v * Double(y)
                total += v
            }
        }
        XCTAssertEqual(sx / total, 34.0, accuracy: 2e-3)
        XCTAssertEqual(sy / total, 30.75, accuracy: 2e-3)
        XCTAssertEqual(total, 1e4, accuracy: 1e4 * 1e-3, "a compact unlensed source keeps its flux")
    }

    func testLensLightIsCentredOnTheDeflectorAndAddsItsFlux() {
        let source = light(n: 1, radius: 0.15, x: 0.2, y: 0.1, flux: 1e4)
        let withLight = lens(lensed: true, source: source, lensLight: light(n: 2, radius: 0.5, flux: 5e4))
        let withoutLight = lens(lensed: true, source: source)
        let a = renderer.renderSignal(sample(withLight).0), b = renderer.renderSignal(sample(withoutLight).0)
        var sx = 0.0, sy = 0.0, total = 0.0
        for y in 0..<64 {
            for x in 0..<64 {
                let v = Double(a[y * 64 + x] - b[y * 64 + x])
                sx += v * Double(x)
                sy += v * Double(y)
                total += v
            }
        }
        XCTAssertEqual(total, 5e4, accuracy: 5e4 * 2e-3, "an n = 2, 0.5″ galaxy keeps nearly all its flux in 12.8″")
        // 4 × 4 rays per pixel sample the n = 2 cusp with a small asymmetric error (~0.005 px here).
        XCTAssertEqual(sx / total, 31.5 + 0.5, accuracy: 1e-2)
        XCTAssertEqual(sy / total, 31.5 - 0.75, accuracy: 1e-2)
    }
}
