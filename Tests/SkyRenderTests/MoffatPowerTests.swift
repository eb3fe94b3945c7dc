/// MoffatPower: t^(−β) by multiplications for half-integer β, against `pow`.
import Foundation
import XCTest
@testable import SkyRender

final class MoffatPowerTests: XCTestCase {
    func testMatchesPowForHalfIntegerAndOtherBetas() {
        for beta in [0.5, 1.5, 2.0, 2.5, 3.0, 3.5, 4.5, 4.765, 8.0, 9.5] {
            for t in [1.0, 1.0001, 1.7, 12.5, 3.3e3, 2.1e6] {
                let expected = pow(t, -beta)
                XCTAssertEqual(MoffatPower.inverse(t, beta: beta), expected, accuracy: 1e-14 * expected, "β \(beta), t \(t)")
            }
        }
    }

    func testMoffatIntensityStillIntegratesToOne() {
        let psf = PSFModel(.moffat(beta: 3, fwhm: 0.8))
        // ∫ 2πr I(r) dr on a fine grid out to 200″ (the β = 3 tail beyond holds < 1e-11 of the flux).
        var total = 0.0, r = 0.0
        let step = 1e-3
        while r < 200 {
            total += 2 * Double.pi * (r + step / 2) * psf.intensity(r: r + step / 2) * step
            r += step
        }
        XCTAssertEqual(total, 1, accuracy: 1e-6)
    }
}
