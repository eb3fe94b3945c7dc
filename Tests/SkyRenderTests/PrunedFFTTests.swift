import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// The pruned FFTs (k_x transforms of only the rows a stamp or plane needs) against the full 2-D transforms.
final class PrunedFFTTests: XCTestCase {
    /// A reproducible generator for test images (SplitMix64).
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The r2c transform of a random N×N image: a half-plane spectrum the complex-to-real transform reads
    /// consistently (Hermitian in columns 0 and N/2).
    func spectrum(size n: Int, random: inout SplitMix) -> FFTWBuffer {
        let image = FFTWBuffer(bytes: n * n * 4), spectrum = FFTWBuffer(bytes: n * (n / 2 + 1) * 8)
        for i in 0..<(n * n) { image.floats[i] = Float.random(in: -1...1, using: &random) }
        ForwardRealFFT.plan(size: n).execute(input: image, output: spectrum)
        return spectrum
    }

    /// A copy of the first `count` floats of `buffer` in a new FFTW buffer (the transforms destroy their input).
    func copy(_ buffer: FFTWBuffer, floats count: Int) -> FFTWBuffer {
        let copy = FFTWBuffer(bytes: count * 4, zeroed: false)
        copy.floats.update(from: buffer.floats, count: count)
        return copy
    }

    /// The pruned transform's rows equal the full N×N transform's first rows to float rounding (FFTW 3.3.10 on x86-64
    /// gave the same bits; not asserted), for sizes with and without the power-of-two structure and one, a stamp's and
    /// all N rows; a spectrum with its Nyquist column dropped is told apart (the comparison can fail).
    func testPrunedTransformEqualsFullTransform() {
        var random = SplitMix(state: 12)
        for n in [48, 64, 80, 160, 320, 512] {
            let half = n / 2 + 1
            let spectrum = spectrum(size: n, random: &random)
            let full = FFTWBuffer(bytes: n * n * 4, zeroed: false)
            InverseRealFFT.plan(size: n).execute(input: copy(spectrum, floats: n * half * 2), output: full)
            let largest = (0..<(n * n)).reduce(Float(0)) { max($0, abs(full.floats[$1])) }
            for rows in [1, min(64, n), n] {
                let pruned = FFTWBuffer(bytes: rows * n * 4, zeroed: false), input = copy(spectrum, floats: n * half * 2)
                withExtendedLifetime(input) {
                    PrunedInverseRealFFT.plan(size: n, rows: rows).execute(input: input.floats, output: pruned)
                }
                var worst: Float = 0
                for i in 0..<(rows * n) { worst = max(worst, abs(pruned.floats[i] - full.floats[i])) }
                XCTAssertLessThanOrEqual(worst, 1e-5 * largest, "N \(n), rows \(rows): |Δ| \(worst) of \(largest)")
            }
            let truncated = copy(spectrum, floats: n * half * 2), pruned = FFTWBuffer(bytes: n * n * 4, zeroed: false)
            for row in 0..<n {  // drop the Nyquist column
                let nyquist = 2 * (row * half + half - 1)
                (truncated.floats[nyquist], truncated.floats[nyquist + 1]) = (0, 0)
            }
            withExtendedLifetime(truncated) {
                PrunedInverseRealFFT.plan(size: n, rows: n).execute(input: truncated.floats, output: pruned)
            }
            let worst = (0..<(n * n)).reduce(Float(0)) { max($0, abs(pruned.floats[$1] - full.floats[$1])) }
            XCTAssertGreaterThan(worst, 1e-3 * largest, "N \(n): a dropped column must show")
        }
    }

    /// The pruned forward transform of an image that is zero from row `rows` on equals the full 2-D transform to
    /// float rounding; with a nonzero row past `rows` it does not (the comparison can fail).
    func testPrunedForwardTransformEqualsFullTransform() {
        var random = SplitMix(state: 7)
        for n in [48, 80, 96, 160, 320] {
            let half = n / 2 + 1
            for rows in [1, n / 2 + 9, n] {
                let image = FFTWBuffer(bytes: n * n * 4)
                for i in 0..<(rows * n) { image.floats[i] = Float.random(in: -1...1, using: &random) }
                let full = FFTWBuffer(bytes: n * half * 8), pruned = FFTWBuffer(bytes: n * half * 8)
                ForwardRealFFT.plan(size: n).execute(input: image, output: full)
                PrunedForwardRealFFT.plan(size: n, rows: rows).execute(input: image, output: pruned)
                let largest = (0..<(2 * n * half)).reduce(Float(0)) { max($0, abs(full.floats[$1])) }
                let worst = (0..<(2 * n * half)).reduce(Float(0)) { max($0, abs(pruned.floats[$1] - full.floats[$1])) }
                XCTAssertLessThanOrEqual(worst, 1e-5 * largest, "N \(n), rows \(rows): |Δ| \(worst) of \(largest)")
                guard rows < n else { continue }
                image.floats[rows * n + 1] = 1  // a row the pruned transform skips
                let changed = FFTWBuffer(bytes: n * half * 8), skipped = FFTWBuffer(bytes: n * half * 8)
                ForwardRealFFT.plan(size: n).execute(input: image, output: changed)
                PrunedForwardRealFFT.plan(size: n, rows: rows).execute(input: image, output: skipped)
                let missed = (0..<(2 * n * half)).reduce(Float(0)) { max($0, abs(skipped.floats[$1] - changed.floats[$1])) }
                XCTAssertGreaterThan(missed, 0.5, "N \(n), rows \(rows): the skipped row must show")
            }
        }
    }

    /// Two bands with different PSFs, one a pixelised kernel (complex transfer).
    let bands = [RenderCase.band(.moffat(beta: 3, fwhm: 0.8)),
                 RenderCase.band(.kernel(kernel: KernelPSFRenderingTests.lopsidedKernel(recentre: false)))]

    /// The spectra of `objects` on a plan of size N.
    func spectra(_ objects: [(ObjectShapeSpec, Double, Double, Double)], size: Int, renderer: SampleRenderer)
        -> (spec: SampleSpec, plan: FourierPlan, profiles: [SersicProfile?], spectra: FFTWBuffer) {
        let spec = RenderCase.sample(bands: bands, objects: objects)
        let plan = renderer.plan(size: size, pixelScale: spec.image.pixelScale, psfs: bands.map(\.psf),
                                 models: bands.map { PSFModel($0.psf) })
        let profiles = spec.objects.map { object -> SersicProfile? in
            guard case .sersic(let n, let radius, _, _, let g1, let g2) = object.shape else { return nil }
            return SersicProfile(n: n, halfLightRadius: radius, g1: g1, g2: g2)
        }
        let spectra = renderer.spectra(spec, bands: [0, 1], objects: spec.objects, profiles: profiles, plan: plan)
        return (spec, plan, profiles, spectra)
    }

    /// A rendered stamp (before wrap correction) of galaxies equals the full inverse FFT of its spectra, cropped, to
    /// float rounding of the peak, in both bands (one a kernel PSF's); the same for a star.
    func testRenderedStampEqualsFullTransform() {
        let renderer = SampleRenderer(seed: 3)
        let galaxy = (RenderCase.sersic(n: 0.5, re: 1.2, g1: 0.2, g2: -0.1), 0.3, -0.2, 500.0)
        let compact = (RenderCase.sersic(n: 0.5, re: 0.6, g1: -0.1, g2: 0.05), -1.1, 0.7, 300.0)
        for (objects, size) in [([galaxy, compact], 96), ([galaxy], 160), ([(ObjectShapeSpec.star, 0.4, 0.1, 100.0)], 80)] {
            let s = spectra(objects, size: size, renderer: renderer)
            let half = size / 2 + 1, width = s.spec.image.width, height = s.spec.image.height
            let stamp = renderer.images(s.spec, bands: [0, 1], objects: s.spec.objects, profiles: s.profiles, plan: s.plan)
            let full = FFTWBuffer(bytes: size * size * 4, zeroed: false)
            for b in 0..<2 {
                withExtendedLifetime(s.spectra) {
                    InverseRealFFT.plan(size: size).execute(input: s.spectra.floats + b * size * half * 2, output: full)
                }
                var worst: Float = 0, peak: Float = 0
                for y in 0..<height {
                    for x in 0..<width {
                        let expected = full.floats[y * size + x]
                        peak = max(peak, abs(expected))
                        worst = max(worst, abs(stamp[(b * height + y) * width + x] - expected))
                    }
                }
                XCTAssertGreaterThan(peak, 1)
                XCTAssertLessThanOrEqual(worst, 1e-5 * peak, "size \(size), band \(b)")
            }
        }
    }
}
