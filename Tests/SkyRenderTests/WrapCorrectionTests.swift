/// WrapCorrection: removing the light an FFT's periodic copies wrap into the stamp.
import Foundation
import SkyScene
import XCTest
@testable import SkyRender

final class WrapCorrectionTests: XCTestCase {
    private let width = 64, height = 48, scale = 0.2, size = 96

    /// The periodic sum Σ_{|j|∞ ≤ rings} A·F·(S + M)(x − x₀ + jL) at the pixel centres, and the j = 0 term alone.
    private func periodicImage(flux: Double, x0: Double, y0: Double, profile: SersicProfile?, psf: PSFModel,
                               rings: Int) -> (periodic: [Float], single: [Double]) {
        let period = Double(size) * scale, area = scale * scale
        var periodic = [Float](repeating: 0, count: width * height)
        var single = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var total = 0.0
                for jy in -rings...rings {
                    for jx in -rings...rings {
                        let dx = (Double(x) - Double(width - 1) / 2) * scale - x0 + Double(jx) * period
                        let dy = (Double(y) - Double(height - 1) / 2) * scale - y0 + Double(jy) * period
                        let value = flux * area * ((profile?.intensity(x: dx, y: dy) ?? 0)
                                                   + psf.intensity(r: (dx * dx + dy * dy).squareRoot()))
                        total += value
                        if jx == 0 && jy == 0 { single[y * width + x] = value }
                    }
                }
                periodic[y * width + x] = Float(total)
            }
        }
        return (periodic, single)
    }

    /// For a profile whose far field is exactly S + M, subtracting the correction leaves the single copy: the
    /// wrapped light (~1e-5 of the peak for the star, ~1e-3 for the galaxy) is removed to 2 % of itself at every pixel.
    private func checkRemovesCopies(profile: SersicProfile?, psf: PSFModel, x0: Double, y0: Double, visible: Double) {
        let flux = 1e4
        let (periodic, single) = periodicImage(flux: flux, x0: x0, y0: y0, profile: profile, psf: psf, rings: 12)
        var corrected = periodic
        WrapCorrection.subtract(from: &corrected, sources: [.init(x: x0, y: y0, flux: [flux], profile: profile)],
                                psfs: [psf], size: size, width: width, height: height, pixelScale: scale,
                                tolerance: 1e-12)
        var largestWrap = 0.0, largestResidual = 0.0
        for i in 0..<(width * height) {
            let wrap = Double(periodic[i]) - single[i]
            largestWrap = max(largestWrap, abs(wrap))
            largestResidual = max(largestResidual, abs(Double(corrected[i]) - single[i]) - 1e-6 * abs(single[i]))
        }
        XCTAssertGreaterThan(largestWrap, visible * (single.max() ?? 0), "the test should wrap visible light")
        XCTAssertLessThan(largestResidual, 0.02 * largestWrap, "residual \(largestResidual) of wrap \(largestWrap)")
    }

    func testRemovesTheMoffatCopiesOfAStar() {
        checkRemovesCopies(profile: nil, psf: PSFModel(.moffat(beta: 2.5, fwhm: 0.9)), x0: 0.37, y0: -0.21, visible: 1e-6)
    }

    func testRemovesTheCopiesOfAnExtendedShearedGalaxy() {
        let galaxy = SersicProfile(n: 4, halfLightRadius: 1.5, g1: 0.2, g2: -0.1)
        checkRemovesCopies(profile: galaxy, psf: PSFModel(.gaussian(fwhm: 0.8)), x0: -1.1, y0: 0.6, visible: 1e-4)
    }

    /// A star behind a Gaussian with copies 16″ away: their light runs from ~1e-226 at the nearest nodes to far below
    /// the nodes' floor of 1e-300 at the farthest, where the quadratic in ln undershoots the floor further. The
    /// correction must subtract ~0 there, never a non-finite value (`galsim_compare`'s star-gauss case caught a
    /// branch-free exp used outside its range).
    func testUnderflowingGaussianCopiesLeaveFinitePixels() {
        for (x0, y0) in [(0.05, 0.11), (2.9, -1.7), (-6.0, 4.5)] {
            var image = [Float](repeating: 0, count: width * height)
            WrapCorrection.subtract(from: &image, sources: [.init(x: x0, y: y0, flux: [1e5], profile: nil)],
                                    psfs: [PSFModel(.gaussian(fwhm: 0.7))], size: 80, width: width, height: height,
                                    pixelScale: scale, tolerance: 1e-12)
            XCTAssertTrue(image.allSatisfy(\.isFinite), "star at (\(x0), \(y0)): non-finite pixels")
            XCTAssertLessThan(image.map { abs($0) }.max() ?? 0, 1e-20, "copies of a 0.7″ Gaussian 16″ away wrap ~nothing")
        }
    }

    /// An object without flux (e.g. a bulge with B/T = 0 in every band) wraps nothing and leaves the image as it is.
    func testObjectWithoutFluxChangesNothing() {
        var image = [Float](repeating: 1, count: width * height)
        WrapCorrection.subtract(from: &image, sources: [.init(x: 0.3, y: -0.2, flux: [0], profile: nil)],
                                psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.8))], size: size, width: width, height: height,
                                pixelScale: scale, tolerance: 1e-8)
        XCTAssertEqual(image, [Float](repeating: 1, count: width * height))
    }

    func testAppliesOnlyToSmoothAnalyticPSFs() {
        XCTAssertTrue(WrapCorrection.applies(to: [PSFModel(.gaussian(fwhm: 0.7)), PSFModel(.moffat(beta: 3, fwhm: 0.8))]))
        XCTAssertFalse(WrapCorrection.applies(to: [PSFModel(.gaussian(fwhm: 0.7)),
                                                   PSFModel(.airy(lambdaOverD: 0.3, obscuration: 0))]))
    }

    /// A Moffat star's stamp sum (pixel-convolved, so the sum is the integral over the stamp) against the integral
    /// of the Moffat over the stamp by Gauss–Legendre quadrature: within 2e-7 of the flux (without the correction the
    /// wrapped light puts it 1.5e-6 above).
    func testStarStampSumMatchesTheAnalyticIntegral() throws {
        let psf = PSFDescription.moffat(beta: 3, fwhm: 0.9)
        let offset = (x: 0.05, y: 0.11)
        let spec = RenderCase.sample(bands: [RenderCase.band(psf)], objects: [(.star, offset.x, offset.y, 1)])
        let image = SampleRenderer(seed: 1).renderSignal(spec)
        let sum = image.reduce(0.0) { $0 + Double($1) }
        let model = PSFModel(psf)
        let rule = GaussLegendre(points: 16)
        var integral = 0.0
        let pieces = 64, half = 6.4, step = 2 * half / Double(pieces)
        for py in 0..<pieces {
            for px in 0..<pieces {
                for (u, wu) in zip(rule.nodes, rule.weights) {
                    let x = -half + (Double(px) + (u + 1) / 2) * step - offset.x
                    for (v, wv) in zip(rule.nodes, rule.weights) {
                        let y = -half + (Double(py) + (v + 1) / 2) * step - offset.y
                        integral += wu * wv * step * step / 4 * model.intensity(r: (x * x + y * y).squareRoot())
                    }
                }
            }
        }
        print("Moffat star stamp sum − analytic integral: \(sum - integral)")
        XCTAssertEqual(sum, integral, accuracy: 2e-7, "stamp sum \(sum), analytic \(integral)")
    }
}
