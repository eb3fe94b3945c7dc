import SkyScene
import XCTest
@testable import SkyRender

/// Bands with Gaussian or Moffat PSFs and bands with other PSFs are drawn apart (`SampleRenderer.bandGroups`), each
/// set exactly as a scene of those bands alone would draw it.
final class BandGroupTests: XCTestCase {
    func testGroupsSplitOnlyMixedSets() {
        let moffat = PSFModel(.moffat(beta: 3, fwhm: 0.9)), gaussian = PSFModel(.gaussian(fwhm: 0.8))
        let airy = PSFModel(.airy(lambdaOverD: 0.15, obscuration: 0.3))
        XCTAssertEqual(SampleRenderer.bandGroups([moffat, airy, gaussian]), [[0, 2], [1]])
        XCTAssertEqual(SampleRenderer.bandGroups([moffat, gaussian]), [[0, 1]])
        XCTAssertEqual(SampleRenderer.bandGroups([airy, airy]), [[0, 1]])
    }

    /// In a stamp with a Moffat, an Airy and a Gaussian band, each band's image is bit for bit the one drawn with only
    /// the bands of its set (before, all three shared the Airy band's large FFT and none was wrap-corrected).
    func testMixedBandsEqualTheirSetsDrawnAlone() {
        let renderer = SampleRenderer(seed: 11)
        let psfs: [PSFDescription] = [.moffat(beta: 3.5, fwhm: 0.9), .airy(lambdaOverD: 0.15, obscuration: 0.3),
                                      .gaussian(fwhm: 0.8)]
        let objects: [(ObjectShapeSpec, Double, Double, Double)] = [
            (RenderCase.sersic(n: 2.2, re: 0.6, g1: 0.2, g2: -0.1), 0.13, -0.27, 4000), (.star, -1.9, 1.1, 2500),
        ]
        func draw(_ bands: [PSFDescription]) -> [Float] {
            renderer.renderSignal(RenderCase.sample(width: 48, height: 48, bands: bands.map { RenderCase.band($0) },
                                                    objects: objects))
        }
        let pixels = 48 * 48
        let mixed = draw(psfs), smooth = draw([psfs[0], psfs[2]]), airy = draw([psfs[1]])
        XCTAssertEqual(Array(mixed[0..<pixels]), Array(smooth[0..<pixels]), "Moffat band")
        XCTAssertEqual(Array(mixed[(2 * pixels)...]), Array(smooth[pixels...]), "Gaussian band")
        XCTAssertEqual(Array(mixed[pixels..<(2 * pixels)]), airy, "Airy band")
    }
}
