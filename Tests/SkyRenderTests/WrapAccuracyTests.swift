/// The whole wrap budget, end to end: a 64×64 stamp (small FFT, wrapped light subtracted by WrapCorrection) against
/// the centre of a 320×320 stamp of the same object (an FFT so large that the copies are ≥ 45″ away).
import Foundation
import SkyScene
import XCTest
@testable import SkyRender

final class WrapAccuracyTests: XCTestCase {
    /// max |Δ| / peak and |Δsum| / flux of the 64×64 render against the crop of the large render.
    private func wrapError(_ shape: ObjectShapeSpec, psf: PSFDescription, x0: Double, y0: Double) -> (peak: Double, sum: Double) {
        let flux = 1e4, small = 64, large = 320
        let renderer = SampleRenderer(seed: 3)
        let a = renderer.renderSignal(RenderCase.sample(width: small, height: small, bands: [RenderCase.band(psf)],
                                                        objects: [(shape, x0, y0, flux)]))
        let b = renderer.renderSignal(RenderCase.sample(width: large, height: large, bands: [RenderCase.band(psf)],
                                                        objects: [(shape, x0, y0, flux)]))
        let offset = (large - small) / 2
        var largest = 0.0, peak = 0.0, difference = 0.0
        for y in 0..<small {
            for x in 0..<small {
                let reference = Double(b[(y + offset) * large + x + offset])
                let delta = Double(a[y * small + x]) - reference
                largest = max(largest, abs(delta))
                peak = max(peak, reference)
                difference += delta
            }
        }
        print("wrap error \(shape) \(psf): max|Δ|/peak \(largest / peak), Δsum/F \(difference / flux)")
        return (largest / peak, abs(difference) / flux)
    }

    func testExtendedGalaxiesBehindMoffatAndGaussianPSFs() {
        let cases: [(ObjectShapeSpec, PSFDescription)] = [
            (RenderCase.sersic(n: 1.5, re: 1.0, g1: 0.2, g2: -0.1), .moffat(beta: 3, fwhm: 0.8)),
            (RenderCase.sersic(n: 1, re: 1.5), .moffat(beta: 2.5, fwhm: 0.9)),
            (RenderCase.sersic(n: 4, re: 1.5, g1: -0.1, g2: 0.25), .moffat(beta: 3, fwhm: 0.7)),
            (RenderCase.sersic(n: 0.5, re: 1.2), .gaussian(fwhm: 0.7)),
            (RenderCase.sersic(n: 2.5, re: 0.8), .gaussian(fwhm: 0.8)),
            (RenderCase.sersic(n: 1, re: 1.5, g1: 0.3), .moffat(beta: 3, fwhm: 0.9)),
            (RenderCase.sersic(n: 1, re: 2.0), .moffat(beta: 3.5, fwhm: 1.0)),
            (RenderCase.sersic(n: 0.5, re: 1.5), .moffat(beta: 3, fwhm: 0.8)),
            (RenderCase.sersic(n: 2, re: 1.5, g2: 0.4), .moffat(beta: 4.765, fwhm: 0.9)),
            (RenderCase.sersic(n: 1, re: 0.3), .moffat(beta: 3, fwhm: 0.8)),
            (RenderCase.sersic(n: 0.5, re: 2.5), .gaussian(fwhm: 1.0)),
            (RenderCase.sersic(n: 0.5, re: 2.0, g1: 0.3), .moffat(beta: 3, fwhm: 0.9)),
            (RenderCase.sersic(n: 0.7, re: 3.0), .moffat(beta: 4.765, fwhm: 1.2)),
            (RenderCase.sersic(n: 6, re: 2.0), .gaussian(fwhm: 0.6)),
        ]
        for (shape, psf) in cases {
            let error = wrapError(shape, psf: psf, x0: 0.13, y0: -0.41)
            XCTAssertLessThan(error.peak, 1e-5, "\(shape) \(psf)")
            XCTAssertLessThan(error.sum, 2e-6, "\(shape) \(psf)")
        }
    }

    func testStarBehindMoffat() {
        let error = wrapError(.star, psf: .moffat(beta: 3, fwhm: 0.8), x0: 0.05, y0: 0.07)
        XCTAssertLessThan(error.peak, 1e-6)
        XCTAssertLessThan(error.sum, 1e-7)
    }
}
