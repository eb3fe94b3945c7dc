import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// The lens workload's shortcuts give what the direct computations give: the image finder's restricted search, the
/// magnification reusing the render's rays, and the convolution of a plane holding light only near the stamp.
final class LensShortcutTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), uniform in [low, high).
    struct Draws {
        var state: UInt64
        mutating func uniform(_ low: Double, _ high: Double) -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return low + (high - low) * Double(z >> 11) / Double(1 << 53)
        }
    }

    // MARK: Image finder

    /// The SIE deflection bound holds everywhere and is within 2 % of the largest deflection.
    func testMaximumDeflectionBoundsTheSIE() {
        for (e1, e2) in [(0.02, 0.0), (0.2, -0.1), (0.35, 0.1), (-0.5, 0.3), (0.0, 0.8)] {
            let deflector = PreparedDeflector(.sie(thetaE: 1.3, e1: e1, e2: e2, centerX: 0.1, centerY: -0.2))
            guard let bound = deflector.maximumDeflection else { return XCTFail("bounded") }
            var largest = 0.0
            for k in 0..<20000 {  // |α| depends on the direction only
                let t = 2 * Double.pi * Double(k) / 20000
                let a = deflector.deflection(x: 0.1 + 0.7 * cos(t), y: -0.2 + 0.7 * sin(t))
                largest = max(largest, (a.x * a.x + a.y * a.y).squareRoot())
            }
            XCTAssertGreaterThanOrEqual(bound, largest, "e = (\(e1), \(e2))")
            XCTAssertLessThan(bound, 1.02 * largest, "e = (\(e1), \(e2))")
        }
        XCTAssertEqual(PreparedDeflector(.sis(thetaE: 0.9, centerX: 0, centerY: 0)).maximumDeflection, 0.9)
        XCTAssertNil(PreparedDeflector(.pointMass(thetaE: 0.9, centerX: 0, centerY: 0)).maximumDeflection)
        XCTAssertNil(PreparedLens(LensModel(deflectors: [], shear: ExternalShear(gamma1: 0.8, gamma2: 0.6)))
            .imageBound(betaX: 0, betaY: 0))
    }

    /// The finder, which maps only the cells within reach of an image, returns exactly the images (same positions,
    /// same order) of the search over every cell of the grid, for random SIE + shear lenses with sources near and on
    /// the caustics, and for an SIS and a pair of deflectors.
    func testImageFinderMatchesTheWholeGridSearch() {
        var draws = Draws(state: 7)
        var counts = [Int: Int]()
        for case_ in 0..<120 {
            let thetaE = draws.uniform(0.8, 2)
            let cx = draws.uniform(-0.2, 0.2), cy = draws.uniform(-0.2, 0.2)
            var deflectors: [Deflector] = [.sie(thetaE: thetaE, e1: draws.uniform(-0.3, 0.3), e2: draws.uniform(-0.3, 0.3),
                                                centerX: cx, centerY: cy)]
            if case_ % 12 == 5 { deflectors = [.sis(thetaE: thetaE, centerX: cx, centerY: cy)] }
            if case_ % 12 == 11 { deflectors.append(.sis(thetaE: 0.3, centerX: cx + 0.8, centerY: cy - 0.5)) }
            let gamma1 = draws.uniform(-0.08, 0.08), gamma2 = draws.uniform(-0.08, 0.08)
            let model = LensModel(deflectors: deflectors, shear: ExternalShear(gamma1: gamma1, gamma2: gamma2))
            // Offsets up to ~θ_E/4 put many sources near the caustics, where close image pairs appear.
            let bx = cx + draws.uniform(-0.35, 0.35) * thetaE, by = cy + draws.uniform(-0.35, 0.35) * thetaE
            let radius = (cx * cx + cy * cy).squareRoot() + 2 * thetaE * (1 + 2 * max(abs(gamma1), abs(gamma2)))
                + ((bx - cx) * (bx - cx) + (by - cy) * (by - cy)).squareRoot()
            let found = model.imagePositions(sourceX: bx, sourceY: by, searchRadius: radius, gridCells: 200)
            let reference = ImageFinder.images(lens: PreparedLens(model), betaX: bx, betaY: by, radius: radius, cells: 200,
                                               wholeGrid: true)
            XCTAssertEqual(found.count, reference.count, "case \(case_)")
            for (a, b) in zip(found, reference) {
                XCTAssertEqual(a.x, b.x, "case \(case_)")
                XCTAssertEqual(a.y, b.y, "case \(case_)")
            }
            counts[found.count, default: 0] += 1
        }
        XCTAssertGreaterThanOrEqual(counts[4] ?? 0, 5, "quads tested: \(counts)")
        XCTAssertGreaterThanOrEqual(counts[2] ?? 0, 5, "doubles tested: \(counts)")
    }

    // MARK: Magnification

    /// The render's in-stamp lensed flux is bit for bit the flux of shooting the stamp again, so the magnification
    /// label computed from it equals the one computed directly; and a full sample render carries it to the label.
    func testMagnificationReusesTheRenderedStampFluxExactly() {
        let source = LensLightSpec(n: 1.3, halfLightRadius: 0.25, q: 0.8, beta: 20, g1: 0.08, g2: 0.07, offsetX: 0.21,
                                   offsetY: -0.13, flux: [1e4], magnitude: [0])
        let l = LensSpec(isLensed: true, profile: .sie, thetaE: 1.37, q: 0.8, phi: 30, e1: 0.05, e2: 0.09, gamma1: 0.02,
                         gamma2: -0.03, supersample: 3, source: source, lensLight: nil)
        let object = ObjectSpec(id: 1, group: 0, shape: .lens(l), offsetX: 0.13, offsetY: -0.07, flux: [0], magnitude: [0])
        let image = ImageGeometry(width: 40, height: 36, pixelScale: 0.2)
        let direct = LensImages.magnification(l, object: object, image: image)
        let rendered = LensImages.render(l, object: object, image: image, margin: 7)
        let shot = RayShooter.lensedImage(lens: LensImages.model(l, object: object), source: LensImages.source(l, object: object),
                                          width: 40, height: 36, pixelScale: 0.2, supersample: 3).reduce(0, +)
        XCTAssertEqual(rendered.lensedInside, shot, "the stamp's rays are the central ones of the render")
        XCTAssertEqual(LensImages.magnification(l, object: object, image: image, lensedInside: rendered.lensedInside), direct)
        XCTAssertGreaterThan(direct, 1.5)
        // Through a whole sample: the label equals the direct value.
        let spec = SampleSpec(index: 0, split: .train, image: image, bands: [RenderCase.band(.moffat(beta: 3, fwhm: 0.8))],
                              objects: [object])
        let sample = SampleRenderer(seed: 5).render(spec)
        XCTAssertEqual(sample.objects[0].magnification, direct)
        XCTAssertNotNil(sample.lensedInside[1])
    }

    // MARK: Convolution of light near the stamp

    /// A plane holding light only within c pixels of the stamp, convolved on a smaller FFT with the kernel still
    /// reaching m pixels, gives the full-margin convolution and a direct (double precision) convolution to ~1e-7 of
    /// the peak — also for light in the plane's far corners, which would wrap into the stamp if the FFT were too small.
    func testConvolutionOfAPlaneWithASmallerMargin() {
        let width = 48, height = 40, scale = 0.2, c = 9
        let psf = PSFDescription.moffat(beta: 3, fwhm: 0.9)
        let m = PlaneConvolver.margin(psfs: [psf], width: width, height: height, pixelScale: scale)
        XCTAssertGreaterThan(m, 2 * c)
        var draws = Draws(state: 3)
        let small = (width + 2 * c, height + 2 * c)
        var plane = [Double](repeating: 0, count: small.0 * small.1)
        for i in plane.indices { plane[i] = draws.uniform(0, 1) < 0.1 ? draws.uniform(0, 50) : 0 }
        plane[0] = 400; plane[small.0 - 1] = 400; plane[plane.count - 1] = 400  // corners
        plane[(small.1 / 2) * small.0 + small.0 / 2] = 1000
        var full = [Double](repeating: 0, count: (width + 2 * m) * (height + 2 * m))
        for y in 0..<small.1 {
            for x in 0..<small.0 { full[(y + m - c) * (width + 2 * m) + x + m - c] = plane[y * small.0 + x] }
        }
        let convolver = PlaneConvolver()
        let fast = convolver.convolve(plane, width: width, height: height, margin: c, kernelMargin: m, pixelScale: scale, psf: psf)
        let strict = convolver.convolve(full, width: width, height: height, margin: m, pixelScale: scale, psf: psf)
        // Direct sum with the same unit-sum kernel sampled out to m.
        let model = PSFModel(psf)
        var kernel = [Double](repeating: 0, count: (2 * m + 1) * (2 * m + 1))
        for dy in -m...m {
            for dx in -m...m { kernel[(dy + m) * (2 * m + 1) + dx + m] = model.intensity(r: Double(dx * dx + dy * dy).squareRoot() * scale) }
        }
        let total = kernel.reduce(0, +)
        var direct = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for py in 0..<small.1 {
                    for px in 0..<small.0 where plane[py * small.0 + px] != 0 {
                        let dx = x + c - px, dy = y + c - py
                        guard abs(dx) <= m, abs(dy) <= m else { continue }
                        sum += plane[py * small.0 + px] * kernel[(dy + m) * (2 * m + 1) + dx + m]
                    }
                }
                direct[y * width + x] = sum / total
            }
        }
        let peak = direct.max() ?? 0
        XCTAssertGreaterThan(peak, 0)
        var fastError = 0.0, strictError = 0.0, difference = 0.0
        for i in direct.indices {
            fastError = max(fastError, abs(Double(fast[i]) - direct[i]))
            strictError = max(strictError, abs(Double(strict[i]) - direct[i]))
            difference = max(difference, abs(Double(fast[i]) - Double(strict[i])))
        }
        XCTAssertLessThan(fastError, 3e-7 * peak, "smaller FFT against the direct sum")
        XCTAssertLessThan(strictError, 3e-7 * peak, "full-margin FFT against the direct sum")
        XCTAssertLessThan(difference, 3e-7 * peak)
    }
}
