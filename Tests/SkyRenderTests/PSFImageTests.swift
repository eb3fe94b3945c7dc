import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// The stored PSF images: centred, unit flux up to what leaves the 25² pixels, equal to a rendered star.
final class PSFImageTests: XCTestCase {
    func testGaussianPSFImageIsCentredAndHoldsItsFlux() {
        let image = PSFImage.render([.gaussian(fwhm: 0.7), .moffat(beta: 3, fwhm: 0.9)], pixelScale: 0.2,
                                    renderer: SampleRenderer(seed: 1))
        let n = PSFImage.size, c = Double(n - 1) / 2
        XCTAssertEqual(image.count, 2 * n * n)
        for b in 0..<2 {
            var total = 0.0, mx = 0.0, my = 0.0
            for y in 0..<n {
                for x in 0..<n {
                    let v = Double(image[b * n * n + y * n + x])
                    total += v
                    mx += v * Double(x)
                    my += v * Double(y)
                }
            }
            XCTAssertEqual(mx / total, c, accuracy: 1e-5)
            XCTAssertEqual(my / total, c, accuracy: 1e-5)
            XCTAssertEqual(image[b * n * n + n / 2 * n + n / 2], image.slice(b, n).max()!, "peak at the centre")
            // A Gaussian of FWHM 0.7″ in 5″: all its flux; a Moffat β = 3: 1 − (1 + R²/a²)^−2 inside R ≈ 2.5″.
            if b == 0 { XCTAssertEqual(total, 1, accuracy: 1e-5) } else { XCTAssertEqual(total, 0.985, accuracy: 0.01) }
        }
    }
}

private extension Array where Element == Float {
    func slice(_ band: Int, _ n: Int) -> ArraySlice<Float> { self[(band * n * n)..<((band + 1) * n * n)] }
}
