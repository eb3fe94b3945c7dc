import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// Segmentation, per-object detection, lens planes and detector defects produced while rendering.
final class ProductsTests: XCTestCase {
    let renderer = SampleRenderer(seed: 11)

    func band(defects: DefectDescription? = nil, noise: NoiseDescription = .ccd(gain: 1, readNoise: 5)) -> BandSpec {
        BandSpec(name: "r", zeroPoint: 30, exposureTime: 1, skyElectrons: 100, psf: .gaussian(fwhm: 0.6), noise: noise, gain: 1,
                 subtractSky: true, defects: defects)
    }

    func spec(_ objects: [(ObjectShapeSpec, Double, Double, Double)], bands: [BandSpec]? = nil, index: Int = 0) -> SampleSpec {
        var s = RenderCase.sample(width: 48, height: 48, bands: bands ?? [band()], objects: objects)
        s.index = index
        return s
    }

    func testSegmentationMarksEachObjectAroundItsCentreAndSkyElsewhere() {
        let s = spec([(RenderCase.sersic(n: 1, re: 0.4), -2, 0, 2e4), (.star, 2.2, 1.0, 1e4)])
        let rendered = renderer.render(s, output: OutputOptions(noiseless: false, segmentation: true))
        let map = try! XCTUnwrap(rendered.segmentation)
        XCTAssertEqual(map.count, 48 * 48)
        func at(_ x: Double, _ y: Double) -> Int32 { map[Int(23.5 + y / 0.2) * 48 + Int(23.5 + x / 0.2)] }
        XCTAssertEqual(at(-2, 0), 1)
        XCTAssertEqual(at(2.2, 1.0), 2)
        XCTAssertEqual(map[0], 0, "a far corner is sky")
        XCTAssertEqual(Set(map), [0, 1, 2])
    }

    func testDetectionSeparatesBrightFromFaintObjects() {
        let s = spec([(.star, -2, 0, 1e4), (.star, 2, 0, 30)])
        let rendered = renderer.render(s, output: OutputOptions(noiseless: true, detectionSNR: 5))
        XCTAssertEqual(rendered.objects.map { $0.detection[0] }, [DetectionCode.detected.rawValue, DetectionCode.notDetected.rawValue])
        // Matched filter: S/N² = Σ s²/(sky + total light + read²); the faint star adds < 1e-3 to the bright one's pixels.
        let bright = renderer.renderSignal(spec([(.star, -2, 0, 1e4)]))
        var expected = 0.0
        for p in bright.indices {
            let s = Double(bright[p])
            expected += s * s / (100 + max(0, Double(rendered.noiseless[p])) + 25)
        }
        XCTAssertEqual(rendered.objects[0].snr[0], expected.squareRoot(), accuracy: 1e-3 * expected.squareRoot())
        XCTAssertLessThan(rendered.objects[1].snr[0], 5)
    }

    func testLensPlanesAddUpToTheNoiselessImage() {
        let source = LensLightSpec(n: 1, halfLightRadius: 0.2, q: 1, beta: 0, g1: 0, g2: 0, offsetX: 0.15, offsetY: 0, flux: [5e3],
                                   magnitude: [0])
        let light = LensLightSpec(n: 3, halfLightRadius: 0.5, q: 1, beta: 0, g1: 0, g2: 0, offsetX: 0, offsetY: 0, flux: [2e4],
                                  magnitude: [0])
        let lens = LensSpec(isLensed: true, profile: .sis, thetaE: 1, q: 1, phi: 0, e1: 0, e2: 0, gamma1: 0, gamma2: 0,
                            supersample: 3, source: source, lensLight: light)
        let s = spec([(.lens(lens), 0, 0, 2e4)])
        let rendered = renderer.render(s, output: OutputOptions(noiseless: true, lensPlanes: true))
        let sourcePlane = try! XCTUnwrap(rendered.sourceLight), lensPlane = try! XCTUnwrap(rendered.lensLight)
        let mask = try! XCTUnwrap(rendered.arcMask)
        for p in 0..<(48 * 48) {
            XCTAssertEqual(Double(sourcePlane[p] + lensPlane[p]), Double(rendered.noiseless[p]), accuracy: 1e-3 + 1e-5 * Double(rendered.noiseless[p]))
        }
        // The ring at θ_E = 1″ (5 px) is in the arc mask; the lens centre's light is not the source's.
        XCTAssertEqual(mask[Int(23.5) * 48 + Int(23.5 + 5)], 1)
        XCTAssertGreaterThan(mask.reduce(0) { $0 + Int($1) }, 20)
    }

    func testDefectsFlagSaturationDeadColumnsAndMissingBandsDeterministically() {
        let defects = DefectDescription(fullWell: 3000, hotPixels: 0.002, badColumns: 2, cosmicRays: 2, missing: 0)
        let s = spec([(.star, 0, 0, 1e5)], bands: [band(defects: defects)])
        let a = renderer.render(s), b = renderer.render(s)
        let flags = try! XCTUnwrap(a.flags)
        XCTAssertEqual(a.image, b.image)
        XCTAssertEqual(flags, b.flags)
        // The bright star's core reaches the full well: clipped to 3000 − sky (sky subtracted) and flagged.
        let centre = 23 * 48 + 23
        XCTAssertNotEqual(flags[centre] & PixelFlag.saturated, 0)
        for p in flags.indices where flags[p] & PixelFlag.saturated != 0 && flags[p] & PixelFlag.defect == 0 {
            XCTAssertEqual(a.image[p], 2900, accuracy: 1e-3)
        }
        for p in flags.indices { XCTAssertLessThanOrEqual(a.image[p], 2900 + 1e-3) }
        // Dead columns: a column whose every pixel is a defect reads 0 electrons (−sky after subtraction) where not
        // hit by later charge.
        let deadColumns = (0..<48).filter { x in (0..<48).allSatisfy { flags[$0 * 48 + x] & PixelFlag.defect != 0 } }
        XCTAssertFalse(deadColumns.isEmpty, "two dead columns expected on average; this seed draws at least one")
        // Another sample index draws other defects.
        var other = s
        other.index = 1
        XCTAssertNotEqual(renderer.render(other).flags, flags)

        let missing = DefectDescription(fullWell: nil, hotPixels: 0, badColumns: 0, cosmicRays: 0, missing: 1)
        let gone = renderer.render(spec([(.star, 0, 0, 1e4)], bands: [band(defects: missing)]),
                                   output: OutputOptions(noiseless: true, detectionSNR: 5))
        XCTAssertTrue(gone.image.allSatisfy(\.isNaN))
        XCTAssertTrue(gone.flags!.allSatisfy { $0 == PixelFlag.notObserved })
        XCTAssertFalse(gone.noiseless.contains(where: \.isNaN), "the noiseless truth is kept")
        XCTAssertEqual(gone.objects[0].detection, [DetectionCode.notObserved.rawValue])
    }
}
