import SkyScene
import XCTest
@testable import SkyRender

final class PlanCacheTests: XCTestCase {
    /// A plan is kept from its second request on: the first request's plan is dropped after use (a one-off large FFT
    /// or a per-sample PSF holds no memory afterwards), the second is built again and then served from the cache.
    func testPlanIsCachedFromItsSecondRequest() {
        let renderer = SampleRenderer(seed: 1)
        let psfs: [PSFDescription] = [.moffat(beta: 3, fwhm: 0.9), .gaussian(fwhm: 0.7)]
        let models = psfs.map { PSFModel($0) }
        let first = renderer.plan(size: 64, pixelScale: 0.2, psfs: psfs, models: models)
        let second = renderer.plan(size: 64, pixelScale: 0.2, psfs: psfs, models: models)
        let third = renderer.plan(size: 64, pixelScale: 0.2, psfs: psfs, models: models)
        XCTAssertFalse(first === second, "the first request's plan must not be kept")
        XCTAssertTrue(second === third, "the second request's plan must be served from the cache")
        let other = renderer.plan(size: 80, pixelScale: 0.2, psfs: psfs, models: models)
        XCTAssertFalse(other === renderer.plan(size: 80, pixelScale: 0.2, psfs: psfs, models: models))
        XCTAssertTrue(third === renderer.plan(size: 64, pixelScale: 0.2, psfs: psfs, models: models))
        XCTAssertEqual(first.transfer, second.transfer, "a rebuilt plan is the same plan")
    }
}
