import Foundation
import XCTest
@testable import SkyRender

final class SersicTransformTests: XCTestCase {
    /// b_n against the reference values of CONVENTIONS.md, to 1e-6.
    func testSersicBMatchesReferenceValues() {
        let reference: [(Double, Double)] = [(0.5, 0.693147), (1, 1.678347), (2, 3.672061), (4, 7.669249), (6, 11.668363)]
        for (n, expected) in reference {
            XCTAssertEqual(sersicB(n), expected, accuracy: 1e-6, "b_n for n = \(n)")
        }
    }

    /// The direct integral: n = 0.5 is a Gaussian, exp(−q²/(4b)); n = 1 an exponential, (1 + q²/b²)^(−3/2).
    func testDirectIntegralMatchesAnalytic() {
        let b05 = sersicB(0.5), b1 = sersicB(1)
        for q in [0.05, 0.3, 1, 2.5, 4, 7.3] {
            XCTAssertEqual(SersicTransform.exactValue(n: 0.5, q: q), exp(-q * q / (4 * b05)), accuracy: 1e-9, "n=0.5 q=\(q)")
        }
        for q in [0.05, 0.3, 1, 2.5, 10, 37, 150, 400] {
            XCTAssertEqual(SersicTransform.exactValue(n: 1, q: q), pow(1 + q * q / (b1 * b1), -1.5), accuracy: 1e-9, "n=1 q=\(q)")
        }
    }

    /// Tables (including ones blended between n nodes) agree with the direct integral.
    func testBlendedTablesAgreeWithDirectIntegral() {
        let bank = SersicTransformBank()
        for n in [0.3, 0.5, 0.83, 1, 2.517, 4, 5.97, 6.2] {
            let t = bank.transform(n: n)
            for q in [0.0, 2e-3, 0.013, 0.21, 1, 1.7, 9.1, 55, 300] {
                let exact = q == 0 ? 1 : SersicTransform.exactValue(n: n, q: q)
                XCTAssertEqual(t.value(q), exact, accuracy: 3e-7, "n=\(n) q=\(q)")
            }
        }
    }
}

extension SersicTransformTests {
    /// The fast J0 agrees with GSL's on both sides of the table/asymptote boundary.
    func testFastBesselJ0MatchesGSL() {
        var x = 0.0
        while x < 200 {
            XCTAssertEqual(BesselJ0.shared(x), GSL.besselJ0(x), accuracy: 1e-11, "x = \(x)")
            x += 0.0371
        }
    }
}
