import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// Builders for small render cases.
enum RenderCase {
    static func band(_ psf: PSFDescription, noise: NoiseDescription = .none) -> BandSpec {
        BandSpec(name: "r", zeroPoint: 30, exposureTime: 1, skyElectrons: 0, psf: psf, noise: noise, gain: 1, subtractSky: true)
    }

    static func sample(width: Int = 64, height: Int = 64, scale: Double = 0.2, bands: [BandSpec],
                       objects: [(ObjectShapeSpec, Double, Double, Double)]) -> SampleSpec {
        SampleSpec(index: 0, split: .train, image: ImageGeometry(width: width, height: height, pixelScale: scale), bands: bands,
                   objects: objects.enumerated().map { i, o in
                       ObjectSpec(id: i + 1, group: 0, shape: o.0, offsetX: o.1, offsetY: o.2,
                                  flux: [Double](repeating: o.3, count: bands.count), magnitude: [Double](repeating: 0, count: bands.count))
                   })
    }

    static func sersic(n: Double, re: Double, g1: Double = 0, g2: Double = 0) -> ObjectShapeSpec {
        let s = Ellipticity.fromShear(g1: g1, g2: g2)
        return .sersic(n: n, halfLightRadius: re, q: s.q, beta: s.beta, g1: g1, g2: g2)
    }
}

final class RenderingTests: XCTestCase {
    let renderer = SampleRenderer(seed: 7)

    /// A Gaussian galaxy (Sérsic n = 0.5) ⊗ Gaussian PSF equals the analytic pixel integrals of a Gaussian.
    func testGaussianConvolvedWithGaussianMatchesAnalyticPixelIntegrals() {
        let re = 0.5, fwhm = 0.7, flux = 1000.0, x0 = 0.13, y0 = -0.31
        let spec = RenderCase.sample(width: 48, height: 40, bands: [RenderCase.band(.gaussian(fwhm: fwhm))],
                                     objects: [(RenderCase.sersic(n: 0.5, re: re), x0, y0, flux)])
        let image = renderer.renderSignal(spec)
        let sigmaGalaxy2 = re * re / (2 * sersicB(0.5))
        let sigmaPSF = fwhm / (2 * (2 * log(2.0)).squareRoot())
        let sigma = (sigmaGalaxy2 + sigmaPSF * sigmaPSF).squareRoot()
        func cell(_ centre: Double, _ origin: Double) -> Double {
            normalCDF((centre + 0.1 - origin) / sigma) - normalCDF((centre - 0.1 - origin) / sigma)
        }
        var maxError = 0.0, peak = 0.0
        for y in 0..<40 {
            for x in 0..<48 {
                let expected = flux * cell((Double(x) - 23.5) * 0.2, x0) * cell((Double(y) - 19.5) * 0.2, y0)
                peak = max(peak, expected)
                maxError = max(maxError, abs(Double(image[y * 48 + x]) - expected))
            }
        }
        XCTAssertLessThan(maxError / peak, 1e-5, "max |Δ|/peak = \(maxError / peak)")
    }

    /// Galaxies and stars well inside the stamp sum to their flux within 1e-4.
    func testFluxIsConservedForObjectsInsideTheStamp() {
        let psfs: [PSFDescription] = [.moffat(beta: 4.5, fwhm: 0.6), .gaussian(fwhm: 0.8)]
        let shapes: [ObjectShapeSpec] = [.star, RenderCase.sersic(n: 0.5, re: 0.4), RenderCase.sersic(n: 1, re: 0.5, g1: 0.3, g2: -0.2),
                                         RenderCase.sersic(n: 2, re: 0.25)]
        for psf in psfs {
            for shape in shapes {
                let spec = RenderCase.sample(width: 96, height: 96, bands: [RenderCase.band(psf)], objects: [(shape, 0.31, -0.17, 5000)])
                let total = renderer.renderSignal(spec).reduce(0.0) { $0 + Double($1) }
                XCTAssertEqual(total / 5000, 1, accuracy: 1e-4, "\(shape) ⊗ \(psf)")
            }
        }
    }

    /// The light-weighted centroid of a star lands at its offset.
    func testStarCentroidMatchesOffset() {
        let spec = RenderCase.sample(width: 64, height: 64, bands: [RenderCase.band(.gaussian(fwhm: 0.6))],
                                     objects: [(.star, 0.37, -0.52, 100)])
        let image = renderer.renderSignal(spec)
        var sx = 0.0, sy = 0.0, s = 0.0
        for y in 0..<64 {
            for x in 0..<64 {
                let v = Double(image[y * 64 + x])
                sx += v * (Double(x) - 31.5) * 0.2
                sy += v * (Double(y) - 31.5) * 0.2
                s += v
            }
        }
        XCTAssertEqual(sx / s, 0.37, accuracy: 1e-4)
        XCTAssertEqual(sy / s, -0.52, accuracy: 1e-4)
    }

    /// A galaxy sheared with g1 > 0 is longer along x; rendering is symmetric under x → −x for g2 = 0.
    func testShearOrientationAndSymmetry() {
        let spec = RenderCase.sample(width: 64, height: 64, bands: [RenderCase.band(.gaussian(fwhm: 0.5))],
                                     objects: [(RenderCase.sersic(n: 1, re: 0.8, g1: 0.3), 0, 0, 1000)])
        let image = renderer.renderSignal(spec)
        var ixx = 0.0, iyy = 0.0, asymmetry = 0.0, peak = 0.0
        for y in 0..<64 {
            for x in 0..<64 {
                let v = Double(image[y * 64 + x])
                ixx += v * pow(Double(x) - 31.5, 2)
                iyy += v * pow(Double(y) - 31.5, 2)
                asymmetry = max(asymmetry, abs(v - Double(image[y * 64 + (63 - x)])))
                peak = max(peak, v)
            }
        }
        XCTAssertGreaterThan(ixx, 1.5 * iyy)
        XCTAssertLessThan(asymmetry / peak, 1e-5)
        XCTAssertGreaterThanOrEqual(image.min()!, Float(-1e-5 * peak))
    }
}
