import Foundation
import SkyScene
import Synchronization

/// Renders samples: per band, Σ objects flux × profile ⊗ PSF ⊗ pixel, drawn in Fourier space and sampled at pixel
/// centres by one inverse FFT, then noise. Shared by all worker threads.
public final class SampleRenderer: Sendable {
    private let generator: Philox
    private let bank: SersicTransformBank
    private let plans = Mutex<[PlanKey: FourierPlan]>([:])
    private let convolver = PlaneConvolver()
    /// Fourier plans kept at most (a plan holds up to a few tens of MB).
    static let planCacheLimit = 24

    private struct PlanKey: Hashable {
        var size: Int
        var pixelScale: Double
        var psfs: [PSFDescription]
    }

    /// A renderer whose noise derives from `seed` (the scene's master seed).
    public init(seed: UInt64, bank: SersicTransformBank = .shared) {
        generator = Philox(seed: seed)
        self.bank = bank
    }

    /// Renders one sample: noiseless and noisy images of every band, the products and labels `output` asks for, and
    /// with `psfImages` the sample's PSF images.
    public func render(_ spec: SampleSpec, output: OutputOptions = OutputOptions(noiseless: false),
                       psfImages: Bool = false) -> RenderedSample {
        var rendered = renderImages(spec)
        SampleProducts.add(to: &rendered, spec: spec, output: output, renderer: self)
        if psfImages { rendered.psf = PSFImage.render(spec.bands.map(\.psf), pixelScale: spec.image.pixelScale, renderer: self) }
        return rendered
    }

    /// Noiseless and noisy images of every band.
    private func renderImages(_ spec: SampleSpec) -> RenderedSample {
        let signal = renderSignal(spec)
        let pixels = spec.image.width * spec.image.height
        var image = [Float](repeating: 0, count: signal.count)
        var noiseless = [Float](repeating: 0, count: signal.count)
        for (b, band) in spec.bands.enumerated() {
            let range = (b * pixels)..<((b + 1) * pixels)
            let bandSignal = Array(signal[range])
            let random = KeyedRandom(generator: generator,
                                     key: RandomKey(sample: UInt32(truncatingIfNeeded: spec.index), stream: RandomKey.stream("noise"),
                                                    band: UInt16(b)))
            let noisy = NoiseApplier.apply(signal: bandSignal, band: band, random: random)
            let inverseGain = Float(1 / band.gain)
            for i in 0..<pixels {
                image[range.lowerBound + i] = noisy[i]
                noiseless[range.lowerBound + i] = bandSignal[i] * inverseGain
            }
        }
        var rendered = RenderedSample(image: image, noiseless: noiseless)
        if spec.bands.contains(where: { $0.defects != nil }) {
            var flags = [UInt8](repeating: 0, count: signal.count)
            for (b, band) in spec.bands.enumerated() {
                guard let defects = band.defects else { continue }
                let random = KeyedRandom(generator: generator,
                                         key: RandomKey(sample: UInt32(truncatingIfNeeded: spec.index),
                                                        stream: RandomKey.stream("defects"), band: UInt16(b)))
                let bandFlags = DefectApplier.apply(to: &rendered.image, offset: b * pixels, width: spec.image.width,
                                                    height: spec.image.height, band: band, defects: defects, random: random)
                flags.replaceSubrange((b * pixels)..<((b + 1) * pixels), with: bandFlags)
            }
            rendered.flags = flags
        }
        return rendered
    }

    /// The noiseless images of every band in electrons (B×H×W, band-major): profiles drawn in Fourier space plus
    /// shapes drawn in real space.
    public func renderSignal(_ spec: SampleSpec) -> [Float] {
        var result = renderFourier(spec)
        PlaneRenderer.add(spec, into: &result, convolver: convolver)
        return result
    }

    /// Sérsic galaxies and stars: flux × profile ⊗ PSF ⊗ pixel in Fourier space (zeros when there are none).
    private func renderFourier(_ spec: SampleSpec) -> [Float] {
        // A bulge + disk or spiral galaxy enters as its Sérsic components (GalaxyParts).
        let fourierObjects = spec.objects.flatMap(GalaxyParts.fourier).filter { object in
            switch object.shape {
            case .sersic, .star: return true
            case .geometric, .lens, .galaxy: return false
            }
        }
        guard !fourierObjects.isEmpty else { return [Float](repeating: 0, count: spec.bands.count * spec.image.width * spec.image.height) }
        let width = spec.image.width, height = spec.image.height, scale = spec.image.pixelScale
        let psfs = spec.bands.map { PSFModel($0.psf) }
        // With Gaussian/Moffat PSFs the wrapped light is subtracted afterwards, so more of it may wrap.
        let correctsWrap = WrapCorrection.applies(to: psfs)
        let threshold = FFTSize.wrapThreshold(width: width, height: height) / (scale * scale)
            * (correctsWrap ? WrapCorrection.relaxation : 1)
        let psfExtent = psfs.map { $0.extent(threshold: threshold) }.max() ?? 0
        let profiles: [SersicProfile?] = fourierObjects.map { object in
            guard case .sersic(let n, let radius, _, _, let g1, let g2) = object.shape else { return nil }
            return SersicProfile(n: n, halfLightRadius: radius, g1: g1, g2: g2, bank: bank)
        }
        let size = FFTSize.choose(width: width, height: height, pixelScale: scale,
                                  objects: zip(fourierObjects, profiles).map { object, profile in
                                      ((profile?.extent(threshold: threshold) ?? 0) + psfExtent, object.offsetX, object.offsetY)
                                  })
        let plan = self.plan(size: size, pixelScale: scale, psfs: spec.bands.map(\.psf), models: psfs)
        let bands = spec.bands.count
        // Complex accumulators, band-major, interleaved (re, im).
        var spectrum = [Double](repeating: 0, count: bands * plan.size * plan.halfWidth * 2)
        let xStart = -Double(width - 1) / 2 * scale
        let yStart = -Double(height - 1) / 2 * scale
        for (object, profile) in zip(fourierObjects, profiles) {
            accumulate(into: &spectrum, plan: plan, profile: profile, flux: object.flux,
                       dx: object.offsetX - xStart, dy: object.offsetY - yStart)
        }
        var result = [Float](repeating: 0, count: bands * width * height)
        let fft = InverseRealFFT.plan(size: plan.size)
        let input = FFTWBuffer(bytes: plan.size * plan.halfWidth * 8)
        let output = FFTWBuffer(bytes: plan.size * plan.size * 4)
        let norm = 1 / Double(plan.size * plan.size)
        let cells = plan.size * plan.halfWidth
        for b in 0..<bands {
            let source = b * cells * 2
            for i in 0..<(cells * 2) {
                input.floats[i] = Float(spectrum[source + i] * norm)
            }
            fft.execute(input: input, output: output)
            for y in 0..<height {
                for x in 0..<width {
                    result[(b * height + y) * width + x] = output.floats[y * plan.size + x]
                }
            }
        }
        if correctsWrap {
            let sources = zip(fourierObjects, profiles).map { object, profile in
                WrapCorrection.Source(x: object.offsetX, y: object.offsetY, flux: object.flux, profile: profile)
            }
            WrapCorrection.subtract(from: &result, sources: sources, psfs: psfs, size: plan.size, width: width,
                                    height: height, pixelScale: scale,
                                    tolerance: 1e-2 * FFTSize.wrapThreshold(width: width, height: height))
        }
        return result
    }

    /// Adds flux_b × profile(k) × e^{−ik·(x₀ − x_start)} × T_b(k) of one object into every band's spectrum.
    private func accumulate(into spectrum: inout [Double], plan: FourierPlan, profile: SersicProfile?, flux: [Double],
                            dx: Double, dy: Double) {
        let phaseX = plan.kxValues.map { k in (cos(k * dx), -sin(k * dx)) }
        let phaseY = plan.kyValues.map { k in (cos(k * dy), -sin(k * dy)) }
        let bands = plan.bandCount
        let cells = plan.size * plan.halfWidth
        if let imaginary = plan.transferImaginary {
            // A band with a pixelised kernel: complex transfer, weight = flux × (T_re + i T_im).
            spectrum.withUnsafeMutableBufferPointer { out in
                plan.transfer.withUnsafeBufferPointer { transfer in
                    imaginary.withUnsafeBufferPointer { imaginary in
                        for e in 0..<plan.count {
                            let ix = Int(plan.kxIndex[e]), iy = Int(plan.kyIndex[e])
                            let amplitude = profile?.fourier(kx: plan.kxValues[ix], ky: plan.kyValues[iy]) ?? 1
                            let (cx, sx) = phaseX[ix], (cy, sy) = phaseY[iy]
                            let re = amplitude * (cx * cy - sx * sy)
                            let im = amplitude * (cx * sy + sx * cy)
                            let c = Int(plan.cell[e]) * 2
                            for b in 0..<bands {
                                let tRe = flux[b] * Double(transfer[e * bands + b]), tIm = flux[b] * Double(imaginary[e * bands + b])
                                out[b * cells * 2 + c] += tRe * re - tIm * im
                                out[b * cells * 2 + c + 1] += tRe * im + tIm * re
                            }
                        }
                    }
                }
            }
            return
        }
        spectrum.withUnsafeMutableBufferPointer { out in
            plan.transfer.withUnsafeBufferPointer { transfer in
                for e in 0..<plan.count {
                    let ix = Int(plan.kxIndex[e]), iy = Int(plan.kyIndex[e])
                    let amplitude = profile?.fourier(kx: plan.kxValues[ix], ky: plan.kyValues[iy]) ?? 1
                    let (cx, sx) = phaseX[ix], (cy, sy) = phaseY[iy]
                    let re = amplitude * (cx * cy - sx * sy)
                    let im = amplitude * (cx * sy + sx * cy)
                    let c = Int(plan.cell[e]) * 2
                    for b in 0..<bands {
                        let weight = flux[b] * Double(transfer[e * bands + b])
                        out[b * cells * 2 + c] += weight * re
                        out[b * cells * 2 + c + 1] += weight * im
                    }
                }
            }
        }
    }

    /// The cached Fourier plan for a size and band PSFs (built once, under the lock).
    private func plan(size: Int, pixelScale: Double, psfs: [PSFDescription], models: [PSFModel]) -> FourierPlan {
        let key = PlanKey(size: size, pixelScale: pixelScale, psfs: psfs)
        return plans.withLock { cache in
            if let existing = cache[key] { return existing }
            // PSFs drawn per sample make a plan per sample: keep the cache bounded.
            if cache.count >= SampleRenderer.planCacheLimit { cache.removeAll() }
            let p = FourierPlan(size: size, pixelScale: pixelScale, psfs: models)
            cache[key] = p
            return p
        }
    }
}
