/// The shift phases by angle addition against libm's cos and sin.
import Foundation
import XCTest
@testable import SkyRender

final class PhaseRampTests: XCTestCase {
    /// Every phase of a plan's k_x and k_y (aliases included, negative multiples too) is (cos(k d), −sin(k d)) to a
    /// few ulp of the largest angle involved ((|k| + 64 dk)·|d|: the block angles may exceed k d by up to 32 dk·|d|),
    /// for shifts up to a large field's size.
    func testPhasesMatchLibm() {
        let plan = FourierPlan(size: 80, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.7))])
        for shift in [0.0, 0.013, -0.77, 6.35, 6.45, -40.1, 409.7] {
            for ks in [plan.kxValues, plan.kyValues, [-3 * plan.dk], [plan.dk * 31, plan.dk * 32, plan.dk * -32, plan.dk * -33]] {
                let phases = PhaseRamp.phases(of: ks, step: plan.dk, shift: shift)
                XCTAssertEqual(phases.count, ks.count)
                for (k, phase) in zip(ks, phases) {
                    let tolerance = 1e-15 + 1e-15 * (abs(k) + 64 * plan.dk) * abs(shift)
                    XCTAssertEqual(phase.0, cos(k * shift), accuracy: tolerance, "k = \(k), d = \(shift)")
                    XCTAssertEqual(phase.1, -sin(k * shift), accuracy: tolerance, "k = \(k), d = \(shift)")
                }
            }
        }
        XCTAssertTrue(PhaseRamp.phases(of: [], step: 1, shift: 1).isEmpty)
    }
}
