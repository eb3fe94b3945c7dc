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
            ranges.forEach { run in
                for e in Int(run.entryStart)..<Int(run.entryStart + run.count) { kept[e] = true }
            }
            var largestSkipped = 0.0
            for run in plan.runs {
                for i in 0..<Int(run.count) where !kept[Int(run.entryStart) + i] {
                    let e = Int(run.entryStart) + i
                    let amplitude = abs(profile.fourier(kx: plan.kxValues[Int(run.kxStart) + i], ky: plan.kyValues[Int(run.ky)]))
                    for b in 0..<plan.bandCount {
                        largestSkipped = max(largestSkipped, amplitude * Double(abs(plan.transfer[b * plan.count + e])))
                    }
                }
            }
            XCTAssertLessThan(largestSkipped, FourierPlan.negligible)
            XCTAssertEqual(ranges.count, kept.filter { $0 }.count)
            keptShares.append(Double(ranges.count) / Double(plan.count))
        }
        XCTAssertLessThan(keptShares[0], 0.8, "the large galaxy should skip entries")
        XCTAssertGreaterThan(keptShares[1], keptShares[0])
    }

    /// Runs number the entries consecutively, row after row, and each entry folds into the cell its (k_x, k_y) aliases
    /// onto: (k_y index mod N) × (N/2 + 1) + (k_x index mod (N/2 + 1)); within a row k_x increases.
    func testRunsFoldEveryEntryIntoItsCell() {
        for size in [48, 64] {
            let plan = FourierPlan(size: size, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.6)),
                                                                      PSFModel(.gaussian(fwhm: 0.5))])
            var next = 0, checked = 0
            for iy in 0..<(plan.rowRuns.count - 1) {
                var previousKx = -Double.infinity
                for run in plan.runs[Int(plan.rowRuns[iy])..<Int(plan.rowRuns[iy + 1])] {
                    XCTAssertEqual(Int(run.ky), iy)
                    XCTAssertEqual(Int(run.entryStart), next)
                    for i in 0..<Int(run.count) {
                        let ix = Int(run.kxStart) + i
                        XCTAssertEqual(Int(run.cellStart) + i, (iy % size) * plan.halfWidth + ix % plan.halfWidth)
                        XCTAssertGreaterThan(plan.kxValues[ix], previousKx)
                        previousKx = plan.kxValues[ix]
                        checked += 1
                    }
                    next += Int(run.count)
                }
            }
            XCTAssertEqual(next, plan.count)
            XCTAssertEqual(checked, plan.count)
            XCTAssertGreaterThan(plan.count, size * size, "the PSFs reach beyond the Nyquist square: alias entries exist")
        }
    }

    /// The transfer table is reserved from a bound on the entries (grid points within the PSFs' reach), so a cached
    /// plan holds no doubling slack: the bound exceeds the entries by ~30 % (the pixel response cuts them sooner).
    func testTransferTableHoldsNoDoublingSlack() {
        for size in [64, 96, 160] {
            let plan = FourierPlan(size: size, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.9)),
                                                                      PSFModel(.moffat(beta: 3, fwhm: 0.8)),
                                                                      PSFModel(.gaussian(fwhm: 0.7))])
            XCTAssertEqual(plan.transfer.count, plan.count * 3)
            XCTAssertLessThan(Double(plan.transfer.capacity), 1.4 * Double(plan.transfer.count), "size \(size)")
        }
    }

    /// The bound counts exactly the grid points within the radius (checked point by point).
    func testGridPointsWithinARadius() {
        let kx = (0..<40).map { Double($0) * 0.3 - 3 }, ky = (0..<25).map { Double($0) * 0.4 - 5 }
        for radius in [0.0, 0.35, 2.0, 4.4, 100] {
            let direct = ky.reduce(0) { total, y in total + kx.filter { $0 * $0 + y * y <= radius * radius }.count }
            XCTAssertEqual(FourierPlan.gridPoints(within: radius, kx: kx, ky: ky), direct, "radius \(radius)")
        }
    }

    func testAPointSourceKeepsEveryEntry() {
        let plan = FourierPlan(size: 64, pixelScale: 0.2, psfs: [PSFModel(.moffat(beta: 3, fwhm: 0.8))])
        XCTAssertEqual(EntryRanges(plan: plan, profile: nil).count, plan.count)
    }
}
