import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// The Airy PSF: analytic encircled energy, transfer function, FWHM, and a rendered star's flux.
final class AiryPSFTests: XCTestCase {
    /// ∫₀^R I(r) 2πr dr by Simpson's rule on a fine grid (arcsec, unit flux).
    func encircled(_ model: PSFModel, radius: Double, steps: Int = 200_000) -> Double {
        let h = radius / Double(steps)
        var sum = 0.0
        for i in 0...steps {
            let r = Double(i) * h
            let w: Double = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2)
            sum += w * model.intensity(r: r) * 2 * Double.pi * r
        }
        return sum * h / 3
    }

    /// Unobscured: EE(x) = 1 − J0(x)² − J1(x)² with x = πR/(λ/D) (Rayleigh).
    func testUnobscuredEncircledEnergyMatchesAnalyticFormula() {
        let lambdaOverD = 0.12
        let model = PSFModel(.airy(lambdaOverD: lambdaOverD, obscuration: 0))
        for radius in [0.03, 0.06, 0.1, 0.25, 0.6, 1.5] {
            let x = Double.pi * radius / lambdaOverD
            let analytic = 1 - j0(x) * j0(x) - j1(x) * j1(x)
            XCTAssertEqual(encircled(model, radius: radius), analytic, accuracy: 2e-7, "R = \(radius)″")
        }
    }

    /// Obscured (ε): EE = [1 − J0²(x) − J1²(x) + ε²(1 − J0²(εx) − J1²(εx)) − 4ε∫₀ˣ J1(t)J1(εt)/t dt] / (1 − ε²).
    func testObscuredEncircledEnergyMatchesMahajanFormula() {
        let lambdaOverD = 0.1, epsilon = 0.33
        let model = PSFModel(.airy(lambdaOverD: lambdaOverD, obscuration: epsilon))
        for radius in [0.04, 0.09, 0.2, 0.5, 1.2] {
            let x = Double.pi * radius / lambdaOverD
            let steps = 100_000
            let h = x / Double(steps)
            var cross = 0.0
            for i in 0...steps {
                let t = Double(i) * h
                let f = t == 0 ? 0 : j1(t) * j1(epsilon * t) / t
                let w: Double = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2)
                cross += w * f
            }
            cross *= h / 3
            let ex = epsilon * x
            let analytic = (1 - j0(x) * j0(x) - j1(x) * j1(x)
                + epsilon * epsilon * (1 - j0(ex) * j0(ex) - j1(ex) * j1(ex)) - 4 * epsilon * cross) / (1 - epsilon * epsilon)
            XCTAssertEqual(encircled(model, radius: radius), analytic, accuracy: 2e-7, "R = \(radius)″")
        }
    }

    /// The unobscured OTF is (2/π)(acos ν − ν√(1−ν²)), ν = k/k_c, exactly 0 at and beyond the cut-off.
    func testUnobscuredTransferFunctionIsTheCircularPupilOverlap() {
        let lambdaOverD = 0.2
        let model = PSFModel(.airy(lambdaOverD: lambdaOverD, obscuration: 0))
        let cutoff = 2 * Double.pi / lambdaOverD
        XCTAssertEqual(model.maxK(threshold: 1e-12), cutoff, accuracy: 1e-12)
        XCTAssertEqual(model.fourier(k: 0), 1, accuracy: 1e-15)
        for nu in stride(from: 0.05, through: 0.95, by: 0.1) {
            let expected = 2 / Double.pi * (acos(nu) - nu * (1 - nu * nu).squareRoot())
            XCTAssertEqual(model.fourier(k: nu * cutoff), expected, accuracy: 1e-13, "ν = \(nu)")
        }
        XCTAssertEqual(model.fourier(k: cutoff), 0)
        XCTAssertEqual(model.fourier(k: 1.3 * cutoff), 0)
    }

    /// The obscured OTF equals a brute-force count of the annular pupil's overlap with its shifted copy.
    func testObscuredTransferFunctionMatchesBruteForcePupilOverlap() {
        let epsilon = 0.4, lambdaOverD = 0.1
        let model = PSFModel(.airy(lambdaOverD: lambdaOverD, obscuration: epsilon))
        let cutoff = 2 * Double.pi / lambdaOverD
        let cells = 1200
        let h = 2.0 / Double(cells)
        func inPupil(_ x: Double, _ y: Double) -> Bool {
            let r2 = x * x + y * y
            return r2 <= 1 && r2 >= epsilon * epsilon
        }
        for nu in [0.1, 0.3, 0.55, 0.8] {
            let shift = 2 * nu
            var count = 0, total = 0
            for i in 0..<cells {
                let x = -1 + (Double(i) + 0.5) * h
                for j in 0..<cells {
                    let y = -1 + (Double(j) + 0.5) * h
                    guard inPupil(x, y) else { continue }
                    total += 1
                    if inPupil(x - shift, y) { count += 1 }
                }
            }
            XCTAssertEqual(model.fourier(k: nu * cutoff), Double(count) / Double(total), accuracy: 2e-3, "ν = \(nu)")
        }
    }

    /// FWHM: 1.02899 λ/D unobscured; an obscuration narrows the core.
    func testFullWidthAtHalfMaximum() {
        XCTAssertEqual(AiryShape.fwhm(lambdaOverD: 1, obscuration: 0), 1.028994, accuracy: 2e-6)
        XCTAssertEqual(PSFDescription.airy(lambdaOverD: 0.1, obscuration: 0).fwhm, 0.1028994, accuracy: 2e-7)
        let obscured = AiryShape.fwhm(lambdaOverD: 1, obscuration: 0.4)
        XCTAssertLessThan(obscured, 1.0)
        let a = AiryShape.amplitude(x: Double.pi * obscured / 2, obscuration: 0.4)
        XCTAssertEqual(a * a, 0.5, accuracy: 1e-9)
    }

    /// A rendered Airy star: the flux in a circular aperture matches the analytic encircled energy, centred.
    func testRenderedStarFollowsEncircledEnergy() {
        let lambdaOverD = 0.15, scale = 0.05, size = 96
        let spec = RenderCase.sample(width: size, height: size, scale: scale,
                                     bands: [RenderCase.band(.airy(lambdaOverD: lambdaOverD, obscuration: 0))],
                                     objects: [(.star, 0, 0, 1)])
        let image = SampleRenderer(seed: 1).renderSignal(spec)
        let centre = Double(size - 1) / 2
        for radius in [0.5, 1.0, 2.0] {
            var sum = 0.0
            for y in 0..<size {
                for x in 0..<size {
                    let dx = (Double(x) - centre) * scale, dy = (Double(y) - centre) * scale
                    if dx * dx + dy * dy <= radius * radius { sum += Double(image[y * size + x]) }
                }
            }
            let x = Double.pi * radius / lambdaOverD
            XCTAssertEqual(sum, 1 - j0(x) * j0(x) - j1(x) * j1(x), accuracy: 2e-3, "aperture \(radius)″")
        }
        var mx = 0.0, my = 0.0, total = 0.0
        for y in 0..<size {
            for x in 0..<size {
                let v = Double(image[y * size + x])
                total += v
                mx += v * Double(x)
                my += v * Double(y)
            }
        }
        XCTAssertEqual(mx / total, centre, accuracy: 1e-4)
        XCTAssertEqual(my / total, centre, accuracy: 1e-4)
        XCTAssertGreaterThanOrEqual(image.min() ?? -1, -1e-6, "no negative pixels beyond float rounding")
    }
}
