/// MoffatPower: t^(−β) by multiplications for half-integer β, against `pow`.
import Foundation
import SkyScene
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

/// The array forms used by the wrap correction give the scalar forms' bits.
final class MoffatArrayFormTests: XCTestCase {
    func testArrayFormsEqualScalarForms() {
        let radii: [Double] = [0, 1e-3, 0.4, 0.9, 3.7, 12.8, 51.2, 204.9]
        for beta in [2.5, 3.0, 3.5, 4.5, 4.765] {
            let t = radii.map { 1 + $0 * $0 }
            var out = [Double](repeating: 0, count: t.count), base = out
            MoffatPower.inverse(t, count: t.count, beta: beta, into: &out, base: &base)
            XCTAssertEqual(out, t.map { MoffatPower.inverse($0, beta: beta) }, "β \(beta)")
        }
        for psf in [PSFDescription.moffat(beta: 3, fwhm: 0.8), .moffat(beta: 4.765, fwhm: 1.2), .gaussian(fwhm: 0.7)] {
            let tail = SmoothPSFIntensity(PSFModel(psf))!
            var value = [Double](repeating: 0, count: radii.count), first = value, second = value, scratch = value
            tail.derivatives(r: radii, count: radii.count, value: &value, first: &first, second: &second, scratch: &scratch)
            for (i, r) in radii.enumerated() {
                let expected = tail.derivatives(r: r)
                XCTAssertEqual([value[i], first[i], second[i]], [expected.value, expected.first, expected.second], "\(psf) r \(r)")
            }
        }
    }
}
