/// The entries of the Fourier accumulation an object skips because its transform times the PSF transfer is
/// negligible there.
import Foundation
import XCTest
@testable import SkyRender

final class FourierEntryTests: XCTestCase {
    /// Every skipped entry has |profile × T_b| below the plan's negligible level in every band, and a large smooth
    /// galaxy skips a good share of the entries (a compact one fewer).
    func testSkippedEntriesAreNegligibleForTheObject() {
        let plan = FourierPlan(size: 128, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.9)),
                                                                 PSFModel(.gaussian(fwhm: 0.7))])
        let large = SersicProfile(n: 1, halfLightRadius: 1.5, g1: 0.3, g2: -0.2)
        let compact = SersicProfile(n: 4, halfLightRadius: 0.2, g1: 0, g2: 0.1)
        var keptShares: [Double] = []
        for profile in [large, compact] {
            let ranges = EntryRanges(plan: plan, profile: profile)
            var kept = [Bool](repeating: false, count: plan.count)
            ranges.forEach { kept[$0] = true }
            var largestSkipped = 0.0
            for e in 0..<plan.count where !kept[e] {
                let amplitude = abs(profile.fourier(kx: plan.kxValues[Int(plan.kxIndex[e])], ky: plan.kyValues[Int(plan.kyIndex[e])]))
                for b in 0..<plan.bandCount {
                    largestSkipped = max(largestSkipped, amplitude * Double(abs(plan.transfer[e * plan.bandCount + b])))
                }
            }
            XCTAssertLessThan(largestSkipped, FourierPlan.negligible)
            XCTAssertEqual(ranges.count, kept.filter { $0 }.count)
            keptShares.append(Double(ranges.count) / Double(plan.count))
        }
        XCTAssertLessThan(keptShares[0], 0.8, "the large galaxy should skip entries")
        XCTAssertGreaterThan(keptShares[1], keptShares[0])
    }

    func testAPointSourceKeepsEveryEntry() {
        let plan = FourierPlan(size: 64, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.8))])
        XCTAssertEqual(EntryRanges(plan: plan, profile: nil).count, plan.count)
    }
}
