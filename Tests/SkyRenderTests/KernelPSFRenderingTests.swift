import Foundation
import XCTest
@testable import SkyRender
@testable import SkyScene

/// Rendering through a pixelised PSF kernel: the quintic interpolant, agreement with the analytic PSF it samples,
/// flux conservation, the sign of the complex transfer (an off-centre kernel moves the star the right way), the
/// real-space plane convolver and the /psf image.
final class KernelPSFRenderingTests: XCTestCase {
    let renderer = SampleRenderer(seed: 11)

    /// A kernel of `width`×`height` pixels of `scale` arcsec from a function of (x, y) arcsec about the array centre.
    static func kernel(width: Int, height: Int, scale: Double, recentre: Bool = true,
                       _ f: (Double, Double) -> Double) -> PSFKernel {
        var values: [Double] = []
        for j in 0..<height {
            for i in 0..<width {
                values.append(f((Double(i) - Double(width - 1) / 2) * scale, (Double(j) - Double(height - 1) / 2) * scale))
            }
        }
        let total = values.reduce(0, +)
        return PSFKernel(file: "test.npy", dataset: nil, pixelScale: scale, width: width, height: height, recentre: recentre,
                         sha256: "test-\(width)x\(height)-\(scale)-\(values.count)-\(total)", values: values.map { $0 / total })
    }

    static func gaussianKernel(fwhm: Double, scale: Double, size: Int = 31) -> PSFKernel {
        let sigma = fwhm / (2 * (2 * log(2.0)).squareRoot())
        return kernel(width: size, height: size, scale: scale) { x, y in exp(-0.5 * (x * x + y * y) / (sigma * sigma)) }
    }

    /// A lopsided kernel: a core at (+0.4″, −0.2″) and a fainter blob at (−0.2″, +0.3″), not centrosymmetric.
    static func lopsidedKernel(recentre: Bool, scale: Double = 0.2) -> PSFKernel {
        kernel(width: 21, height: 21, scale: scale, recentre: recentre) { x, y in
            exp(-0.5 * ((x - 0.4) * (x - 0.4) + (y + 0.2) * (y + 0.2)) / 0.09)
                + 0.3 * exp(-0.5 * ((x + 0.2) * (x + 0.2) + (y - 0.3) * (y - 0.3)) / 0.04)
        }
    }

    private func star(_ psf: PSFDescription, x: Double = 0, y: Double = 0, size: Int = 48, flux: Double = 1000) -> [Float] {
        let spec = RenderCase.sample(width: size, height: size, bands: [RenderCase.band(psf)], objects: [(.star, x, y, flux)])
        return renderer.renderSignal(spec)
    }

    private func centroid(_ image: [Float], size: Int) -> (x: Double, y: Double, sum: Double) {
        var sx = 0.0, sy = 0.0, total = 0.0
        for j in 0..<size {
            for i in 0..<size {
                let v = Double(image[j * size + i])
                sx += v * Double(i)
                sy += v * Double(j)
                total += v
            }
        }
        return (sx / total, sy / total, total)
    }

    // MARK: - Interpolant

    func testQuinticTransformIsTheFourierTransformOfTheQuinticInterpolant() {
        XCTAssertEqual(KernelPSF.quintic(0), 1)
        for n in 1...3 { XCTAssertEqual(KernelPSF.quintic(Double(n)), 0, accuracy: 1e-14) }
        for u in [0.0, 0.1, 0.37, 0.5, 0.93, 1.5, 2.2] {
            // ∫ K(x) cos(2π u x) dx by the midpoint rule on [−3, 3].
            let steps = 60_000, h = 6.0 / Double(steps)
            var integral = 0.0
            for s in 0..<steps {
                let x = -3 + (Double(s) + 0.5) * h
                integral += KernelPSF.quintic(x) * cos(2 * Double.pi * u * x) * h
            }
            XCTAssertEqual(KernelPSF.quinticTransform(u), integral, accuracy: 1e-8, "u = \(u)")
        }
    }

    func testKernelIntensityInterpolatesThroughTheSamples() {
        let k = Self.lopsidedKernel(recentre: false)
        let psf = KernelPSF(k)
        for (i, j) in [(10, 10), (12, 9), (3, 17)] {
            let x = Double(i - 10) * 0.2, y = Double(j - 10) * 0.2
            XCTAssertEqual(psf.intensity(x: x, y: y), k.values[j * 21 + i] / 0.04, accuracy: 1e-12)
        }
    }

    // MARK: - Fourier rendering

    func testSampledGaussianKernelMatchesTheAnalyticGaussianPSF() {
        // Quintic interpolation of a sampled Gaussian is itself approximate: ~2e-3 of the peak for FWHM = 3.5 kernel
        // pixels (GalSim's InterpolatedImage: 3e-3), well below 1e-3 from 5 kernel pixels per FWHM.
        for (fwhm, scale, x0, y0) in [(1.0, 0.2, 0.13, -0.07), (0.7, 0.1, -0.31, 0.22)] {
            let kernel = star(.kernel(kernel: Self.gaussianKernel(fwhm: fwhm, scale: scale, size: scale == 0.2 ? 31 : 51)), x: x0, y: y0)
            let analytic = star(.gaussian(fwhm: fwhm), x: x0, y: y0)
            let peak = Double(analytic.max() ?? 0)
            let worst = zip(kernel, analytic).map { abs(Double($0) - Double($1)) }.max() ?? 0
            XCTAssertLessThan(worst / peak, 1e-3, "FWHM \(fwhm)″ sampled at \(scale)″")
            XCTAssertGreaterThan(peak, 10)
        }
    }

    func testKernelStarConservesFlux() {
        let image = star(.kernel(kernel: Self.lopsidedKernel(recentre: false)), x: 0.3, y: -0.5, size: 64, flux: 2500)
        XCTAssertEqual(centroid(image, size: 64).sum / 2500, 1, accuracy: 1e-4)
        let fine = star(.kernel(kernel: Self.gaussianKernel(fwhm: 0.8, scale: 0.1, size: 41)), size: 64, flux: 2500)
        XCTAssertEqual(centroid(fine, size: 64).sum / 2500, 1, accuracy: 1e-4)
    }

    func testOffCentreKernelMovesTheStarByItsCentroid() {
        // recentre: false keeps the kernel where its array puts it: the star's centroid moves by the kernel's
        // centroid, +x toward larger columns and +y toward larger rows (tests the sign of the complex transfer).
        let k = Self.lopsidedKernel(recentre: false)
        let c = k.centroid  // kernel pixels of 0.2″ = image pixels
        XCTAssertGreaterThan(c.x, 0.5)
        XCTAssertLessThan(c.y, -0.2)
        let (x0, y0) = (0.2, -0.4)
        let image = star(.kernel(kernel: k), x: x0, y: y0, size: 48)
        let m = centroid(image, size: 48)
        XCTAssertEqual(m.x, 23.5 + x0 / 0.2 + c.x, accuracy: 2e-3)
        XCTAssertEqual(m.y, 23.5 + y0 / 0.2 + c.y, accuracy: 2e-3)

        // recentre: true (the default) puts the centroid on the object's position.
        let recentred = centroid(star(.kernel(kernel: Self.lopsidedKernel(recentre: true)), x: x0, y: y0, size: 48), size: 48)
        XCTAssertEqual(recentred.x, 23.5 + x0 / 0.2, accuracy: 2e-3)
        XCTAssertEqual(recentred.y, 23.5 + y0 / 0.2, accuracy: 2e-3)

        // The image is the kernel itself, not its mirror: the brightest pixel sits on the core's side.
        let brightest = image.indices.max { image[$0] < image[$1] }!
        XCTAssertEqual(brightest % 48, 23 + 1 + 2, "core at +0.4″ = +2 px from the star at +1 px")
        XCTAssertEqual(brightest / 48, 24 - 2 - 1, "core at −0.2″ = −1 px from the star at −2 px")
    }

    func testAnalyticBandIsUnchangedNextToAKernelBand() {
        let bands = [RenderCase.band(.moffat(beta: 3, fwhm: 0.8)), RenderCase.band(.kernel(kernel: Self.lopsidedKernel(recentre: true)))]
        let galaxy = RenderCase.sersic(n: 1.5, re: 0.6, g1: 0.1)
        let both = renderer.renderSignal(RenderCase.sample(width: 40, height: 40, bands: bands, objects: [(galaxy, 0.1, 0.2, 1000)]))
        let alone = renderer.renderSignal(RenderCase.sample(width: 40, height: 40, bands: [bands[0]], objects: [(galaxy, 0.1, 0.2, 1000)]))
        let peak = Double(alone.max() ?? 1)
        let worst = (0..<(40 * 40)).map { abs(Double(both[$0]) - Double(alone[$0])) }.max() ?? 0
        XCTAssertLessThan(worst / peak, 1e-6)
        let kernelBand = Array(both[(40 * 40)...]).map(Double.init).reduce(0, +)
        XCTAssertGreaterThan(kernelBand, 900)
    }

    // MARK: - Real-space planes and the /psf image

    func testPlaneConvolverWithAKernelConservesFluxAndKeepsItsOrientation() {
        let k = Self.lopsidedKernel(recentre: false)
        let psf = PSFDescription.kernel(kernel: k)
        let width = 32, height = 32
        let margin = PlaneConvolver.margin(psfs: [psf], width: width, height: height, pixelScale: 0.2)
        XCTAssertGreaterThanOrEqual(margin, 10)
        let paddedWidth = width + 2 * margin
        var plane = [Double](repeating: 0, count: paddedWidth * (height + 2 * margin))
        plane[(16 + margin) * paddedWidth + 15 + margin] = 100  // a point at pixel (15, 16)
        let image = PlaneConvolver().convolve(plane, width: width, height: height, margin: margin, pixelScale: 0.2, psf: psf)
        let m = centroid(image, size: 32)
        XCTAssertEqual(m.sum, 100, accuracy: 1e-3)
        let c = k.centroid
        XCTAssertEqual(m.x, 15 + c.x, accuracy: 0.01)
        XCTAssertEqual(m.y, 16 + c.y, accuracy: 0.01)
    }

    func testPSFImageShowsTheKernel() {
        let k = Self.lopsidedKernel(recentre: false)
        let image = PSFImage.render([.kernel(kernel: k), .kernel(kernel: Self.lopsidedKernel(recentre: true))], pixelScale: 0.2, renderer: renderer)
        let n = PSFImage.size
        let first = centroid(Array(image[0..<(n * n)]), size: n), second = centroid(Array(image[(n * n)...]), size: n)
        XCTAssertEqual(first.sum, 1, accuracy: 1e-3)
        XCTAssertEqual(first.x, Double(n / 2) + k.centroid.x, accuracy: 0.01)
        XCTAssertEqual(first.y, Double(n / 2) + k.centroid.y, accuracy: 0.01)
        XCTAssertEqual(second.x, Double(n / 2), accuracy: 0.01)
        XCTAssertEqual(second.y, Double(n / 2), accuracy: 0.01)
    }
}
