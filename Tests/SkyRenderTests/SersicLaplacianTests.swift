/// The Sérsic surface brightness and its Laplacian as the wrap correction's far field evaluates them (arrays,
/// vectorised kernels) against libm and finite differences.
import Foundation
import XCTest
@testable import SkyRender

final class SersicLaplacianTests: XCTestCase {
    /// Values within 1e-13 of `intensity(x:y:)` (libm pow and exp); Laplacians within 1e-5 of a 5-point finite
    /// difference of it (Richardson-extrapolated), for sheared profiles from Gaussian-like to cuspy, near and far; the centre's value is I₀
    /// and its Laplacian 0.
    func testArraysMatchLibmAndFiniteDifferences() {
        for (n, radius, g1, g2) in [(0.5, 1.2, 0.2, -0.1), (1.5, 0.8, -0.3, 0.15), (4.0, 1.5, 0.1, 0.25), (6.0, 0.4, 0, 0)] {
            let profile = SersicProfile(n: n, halfLightRadius: radius, g1: g1, g2: g2)
            let points: [(Double, Double)] = [(0, 0), (0.7, -0.2), (-2.5, 1.1), (4.0, 3.0), (-13.0, 9.5), (25.6, -0.3)]
            var values = [Double](repeating: .nan, count: points.count), laplacians = values
            profile.intensitiesAndLaplacians(x: points.map(\.0), y: points.map(\.1), count: points.count,
                                             values: &values, laplacians: &laplacians)
            XCTAssertEqual(values[0], profile.centralIntensity, accuracy: 1e-13 * profile.centralIntensity)
            XCTAssertEqual(laplacians[0], 0)
            for (i, (x, y)) in points.enumerated().dropFirst() {
                let exact = profile.intensity(x: x, y: y)
                XCTAssertEqual(values[i], exact, accuracy: 1e-13 * exact, "n \(n) at (\(x), \(y))")
                // 5-point Laplacian at steps h and h/2, Richardson-extrapolated (error O(h⁴)).
                func fivePoint(_ h: Double) -> Double {
                    (profile.intensity(x: x + h, y: y) + profile.intensity(x: x - h, y: y)
                        + profile.intensity(x: x, y: y + h) + profile.intensity(x: x, y: y - h) - 4 * exact) / (h * h)
                }
                let difference = (4 * fivePoint(5e-4) - fivePoint(1e-3)) / 3
                XCTAssertEqual(laplacians[i], difference, accuracy: 1e-5 * abs(difference),
                               "n \(n) at (\(x), \(y))")
            }
        }
    }
}
