import Foundation
import SkyScene
import Synchronization

/// Renders samples: per band, Σ objects flux × profile ⊗ PSF ⊗ pixel, drawn in Fourier space and sampled at pixel
/// centres by one inverse FFT, then noise. Shared by all worker threads.
public final class SampleRenderer: Sendable {
    private let generator: Philox
    private let bank: SersicTransformBank
    private let plans = Mutex<(cached: [PlanKey: FourierPlan], requestedOnce: Set<PlanKey>)>(([:], []))
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
        rendered.signal = []  // only the products needed it: do not carry a third copy of the images to the writer
        if psfImages { rendered.psf = PSFImage.render(spec.bands.map(\.psf), pixelScale: spec.image.pixelScale, renderer: self) }
        return rendered
    }

    /// Noiseless and noisy images of every band.
    private func renderImages(_ spec: SampleSpec) -> RenderedSample {
        let (signal, lensedInside) = renderSignalAndLensedFlux(spec)
        let pixels = spec.image.width * spec.image.height
        // Each band's noise is written straight into the image, read straight from the signal (no copies).
        let (image, noiseless) = signal.withUnsafeBufferPointer { signal in
            let image = [Float](unsafeUninitializedCapacity: signal.count) { image, initialized in
                for (b, band) in spec.bands.enumerated() {
                    let random = KeyedRandom(generator: generator,
                                             key: RandomKey(sample: UInt32(truncatingIfNeeded: spec.index),
                                                            stream: RandomKey.stream("noise"), band: UInt16(b)))
                    NoiseApplier.apply(signal: UnsafeBufferPointer(rebasing: signal[(b * pixels)..<((b + 1) * pixels)]),
                                       into: image.baseAddress! + b * pixels, band: band, random: random)
                }
                initialized = signal.count
            }
            let noiseless = [Float](unsafeUninitializedCapacity: signal.count) { noiseless, initialized in
                for (b, band) in spec.bands.enumerated() {
                    let inverseGain = Float(1 / band.gain), s = signal.baseAddress! + b * pixels
                    let o = noiseless.baseAddress! + b * pixels
                    for i in 0..<pixels { o[i] = s[i] * inverseGain }
                }
                initialized = signal.count
            }
            return (image, noiseless)
        }
        var rendered = RenderedSample(image: image, noiseless: noiseless)
        rendered.lensedInside = lensedInside
        rendered.signal = signal
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
        renderSignalAndLensedFlux(spec).signal
    }

    /// `renderSignal`, and each lens system's lensed unit source flux inside the stamp, by object id.
    private func renderSignalAndLensedFlux(_ spec: SampleSpec) -> (signal: [Float], lensedInside: [Int: Double]) {
        var result = renderFourier(spec)
        let lensedInside = PlaneRenderer.add(spec, into: &result, convolver: convolver)
        return (result, lensedInside)
    }

    /// Sérsic galaxies and stars: flux × profile ⊗ PSF ⊗ pixel in Fourier space (zeros when there are none). Stamps
    /// up to `wholeStampLimit` pixels per side take one FFT for all objects; larger ones (fields) draw each object on
    /// its own sub-stamp (ObjectStamp) and add it in.
    private func renderFourier(_ spec: SampleSpec) -> [Float] {
        // A bulge + disk or spiral galaxy enters as its Sérsic components (GalaxyParts).
        let fourierObjects = spec.objects.flatMap(GalaxyParts.fourier).filter { object in
            switch object.shape {
            case .sersic, .star: return true
            case .geometric, .lens, .galaxy: return false
            }
        }
        let width = spec.image.width, height = spec.image.height, bands = spec.bands.count
        guard !fourierObjects.isEmpty else { return [Float](repeating: 0, count: bands * width * height) }
        let psfs = spec.bands.map { PSFModel($0.psf) }
        let profiles = fourierObjects.map(profile)
        guard max(width, height) > SampleRenderer.wholeStampLimit else {
            return renderStamp(spec, objects: fourierObjects, profiles: profiles, psfs: psfs)
        }
        var result = [Float](repeating: 0, count: bands * width * height)
        for (object, profile) in zip(fourierObjects, profiles) {
            let placed = ObjectStamp(object, profile: profile, psfs: psfs, image: spec.image)
            var single = spec
            single.image = ImageGeometry(width: placed.side, height: placed.side, pixelScale: spec.image.pixelScale)
            single.objects = [placed.object]
            let stamp = renderStamp(single, objects: [placed.object], profiles: [profile], psfs: psfs)
            placed.add(stamp, into: &result, width: width, height: height, bands: bands)
        }
        return result
    }

    /// Largest stamp side (pixels) drawn with one FFT for all its objects.
    static let wholeStampLimit = 512

    /// The Sérsic profile of a Fourier object (nil for a star).
    private func profile(_ object: ObjectSpec) -> SersicProfile? {
        guard case .sersic(let n, let radius, _, _, let g1, let g2) = object.shape else { return nil }
        return SersicProfile(n: n, halfLightRadius: radius, g1: g1, g2: g2, bank: bank)
    }

    /// `objects` (Sérsic galaxies and stars, with their `profiles`) drawn on the whole stamp, one FFT size and plan per
    /// group of bands (`bandGroups`).
    private func renderStamp(_ spec: SampleSpec, objects fourierObjects: [ObjectSpec], profiles: [SersicProfile?],
                             psfs: [PSFModel]) -> [Float] {
        let groups = Self.bandGroups(psfs)
        guard groups.count > 1 else {
            return renderStamp(spec, bands: groups[0], objects: fourierObjects, profiles: profiles, psfs: psfs)
        }
        let pixels = spec.image.width * spec.image.height
        var result = [Float](repeating: 0, count: spec.bands.count * pixels)
        for group in groups {
            let images = renderStamp(spec, bands: group, objects: fourierObjects, profiles: profiles, psfs: psfs)
            for (g, b) in group.enumerated() {
                result.replaceSubrange((b * pixels)..<((b + 1) * pixels), with: images[(g * pixels)..<((g + 1) * pixels)])
            }
        }
        return result
    }

    /// The bands drawn together, with one FFT size and one plan: all of them, unless some have a Gaussian or Moffat
    /// PSF and others not. Then those two sets are drawn apart, so that the large FFT an Airy or kernel band needs
    /// (its light may not wrap, and it is not corrected) is not imposed on the others, whose wrapped light is
    /// corrected, and a plan of Airy bands is not rebuilt when the others' PSFs vary per sample. Each set's images
    /// are the ones a scene of those bands alone gives, bit for bit.
    static func bandGroups(_ psfs: [PSFModel]) -> [[Int]] {
        let smooth = psfs.indices.filter { WrapCorrection.applies(to: [psfs[$0]]) }
        let other = psfs.indices.filter { !WrapCorrection.applies(to: [psfs[$0]]) }
        return smooth.isEmpty || other.isEmpty ? [Array(psfs.indices)] : [smooth, other]
    }

    /// The images of the bands `bandIndices` (in that order, B×H×W) of `objects` drawn with one FFT.
    private func renderStamp(_ spec: SampleSpec, bands bandIndices: [Int], objects fourierObjects: [ObjectSpec],
                             profiles: [SersicProfile?], psfs allPSFs: [PSFModel]) -> [Float] {
        let width = spec.image.width, height = spec.image.height, scale = spec.image.pixelScale
        let psfs = bandIndices.map { allPSFs[$0] }
        // With Gaussian/Moffat PSFs the wrapped light is subtracted afterwards, so more of it may wrap.
        let correctsWrap = WrapCorrection.applies(to: psfs)
        // Where the second-order far field is accurate, an object's reach is where galaxy and PSF tails each fall to
        // half the threshold (so their sum stays below it), not the sum of the two radii.
        let byMaximum = WrapCorrection.combinesExtentsByMaximum(psfs)
        let threshold = FFTSize.wrapThreshold(width: width, height: height) / (scale * scale)
            * (correctsWrap ? WrapCorrection.relaxation : 1) / (byMaximum ? 2 : 1)
        let psfExtent = psfs.map { $0.extent(threshold: threshold) }.max() ?? 0
        let size = FFTSize.choose(width: width, height: height, pixelScale: scale,
                                  objects: zip(fourierObjects, profiles).map { object, profile in
                                      let galaxyExtent = profile?.extent(threshold: threshold) ?? 0
                                      return (byMaximum ? max(galaxyExtent, psfExtent) : galaxyExtent + psfExtent,
                                              object.offsetX, object.offsetY)
                                  })
        let plan = self.plan(size: size, pixelScale: scale, psfs: bandIndices.map { spec.bands[$0].psf }, models: psfs)
        var result = images(spec, bands: bandIndices, objects: fourierObjects, profiles: profiles, plan: plan)
        if correctsWrap {
            let sources = zip(fourierObjects, profiles).map { object, profile in
                WrapCorrection.Source(x: object.offsetX, y: object.offsetY, flux: bandIndices.map { object.flux[$0] },
                                      profile: profile)
            }
            WrapCorrection.subtract(from: &result, sources: sources, psfs: psfs, size: plan.size, width: width,
                                    height: height, pixelScale: scale,
                                    tolerance: 1e-2 * FFTSize.wrapThreshold(width: width, height: height))
        }
        return result
    }

    /// The images of the bands `bandIndices` (B×H×W, electrons) of `objects` drawn on `plan` by one inverse FFT per
    /// band, before any wrap correction. The FFT is pruned to the stamp's rows (PrunedInverseRealFFT).
    func images(_ spec: SampleSpec, bands bandIndices: [Int], objects fourierObjects: [ObjectSpec],
                profiles: [SersicProfile?], plan: FourierPlan) -> [Float] {
        let width = spec.image.width, height = spec.image.height, bands = bandIndices.count
        let cells = plan.size * plan.halfWidth
        // Planned (once per size and height) before the spectra exist, so planning's scratch buffers never coexist
        // with them.
        let fft = PrunedInverseRealFFT.plan(size: plan.size, rows: height)
        let spectra = spectra(spec, bands: bandIndices, objects: fourierObjects, profiles: profiles, plan: plan)
        var result = [Float](repeating: 0, count: bands * width * height)
        let output = FFTWBuffer(bytes: height * plan.size * 4, zeroed: false)
        withExtendedLifetime(spectra) {
            result.withUnsafeMutableBufferPointer { result in
                for b in 0..<bands {
                    fft.execute(input: spectra.floats + b * cells * 2, output: output)
                    for y in 0..<height {
                        (result.baseAddress! + (b * height + y) * width).update(from: output.floats + y * plan.size, count: width)
                    }
                }
            }
        }
        return result
    }

    /// Every band's spectrum of `objects` on `plan` (the bands `bandIndices`, band after band, N×(N/2+1) interleaved
    /// complex floats each, scaled by 1/N² so the inverse FFT gives electrons per pixel at the stamp's pixel centres).
    func spectra(_ spec: SampleSpec, bands bandIndices: [Int], objects fourierObjects: [ObjectSpec],
                 profiles: [SersicProfile?], plan: FourierPlan) -> FFTWBuffer {
        // Accumulated straight into the FFTW input (single precision, zeroed), scaled through the fluxes: no
        // double-precision copy to convert afterwards.
        let spectra = FFTWBuffer(bytes: bandIndices.count * plan.size * plan.halfWidth * 8)
        let norm = 1 / Double(plan.size * plan.size)
        let scale = spec.image.pixelScale
        let xStart = -Double(spec.image.width - 1) / 2 * scale
        let yStart = -Double(spec.image.height - 1) / 2 * scale
        for (object, profile) in zip(fourierObjects, profiles) {
            accumulate(into: spectra.floats, plan: plan, profile: profile,
                       flux: bandIndices.map { Float(object.flux[$0] * norm) },
                       dx: object.offsetX - xStart, dy: object.offsetY - yStart)
        }
        return spectra
    }

    /// Adds flux_b × profile(k) × e^{−ik·(x₀ − x_start)} × T_b(k) of one object into every band's spectrum (`out`: band
    /// after band, N×(N/2+1) interleaved complex floats each). Entries where |profile × T_b| stays below
    /// FourierPlan.negligible for every band are skipped (`EntryRanges`).
    private func accumulate(into out: UnsafeMutablePointer<Float>, plan: FourierPlan, profile: SersicProfile?,
                            flux: [Float], dx: Double, dy: Double) {
        let phaseX = PhaseRamp.phases(of: plan.kxValues, step: plan.dk, shift: dx)
        let phaseY = PhaseRamp.phases(of: plan.kyValues, step: plan.dk, shift: dy)
        let bands = plan.bandCount
        let bandStride = plan.size * plan.halfWidth * 2
        let ranges = EntryRanges(plan: plan, profile: profile)
        if let imaginary = plan.transferImaginary {
            // A band with a pixelised kernel: complex transfer, weight = flux × (T_re + i T_im).
            withAmplitudes(of: ranges, plan: plan, profile: profile) { run, first, n, amplitude in
                let iy = Int(run.ky), (cy, sy) = phaseY[iy]
                for j in 0..<n {
                    let ix = first + j, i = ix - Int(run.kxStart)
                    let e = Int(run.entryStart) + i, c = (Int(run.cellStart) + i) * 2
                    let (cx, sx) = phaseX[ix]
                    let re = Float(amplitude(j) * (cx * cy - sx * sy))
                    let im = Float(amplitude(j) * (cx * sy + sx * cy))
                    for b in 0..<bands {
                        let tRe = flux[b] * plan.transfer[b * plan.count + e], tIm = flux[b] * imaginary[b * plan.count + e]
                        out[b * bandStride + c] += tRe * re - tIm * im
                        out[b * bandStride + c + 1] += tRe * im + tIm * re
                    }
                }
            }
            return
        }
        addRuns(ranges, into: out, plan: plan, profile: profile, flux: flux, phaseX: phaseX, phaseY: phaseY)
    }

    /// Calls `body(run, first, n, amplitude)` for the entries of `ranges` taken `SersicTransform.batch` at a time
    /// along each run: the run's k_x indices first..<first + n, amplitude(j) that of index first + j. A galaxy's
    /// amplitudes are computed together (vectorised) before `body` runs; a point source's are the constant 1, and
    /// `body` is compiled apart for it, without the lookup.
    @inline(__always)
    private func withAmplitudes(of ranges: EntryRanges, plan: FourierPlan, profile: SersicProfile?,
                                _ body: (EntryRun, Int, Int, (Int) -> Double) -> Void) {
        let batch = SersicTransform.batch
        // The optional is unwrapped once, not per batch (a per-batch copy of the profile cost ~2 % of a star).
        guard let profile else {
            ranges.forEach { run in
                let end = Int(run.kxStart) + Int(run.count)
                for first in stride(from: Int(run.kxStart), to: end, by: batch) {
                    body(run, first, min(batch, end - first)) { _ in 1 }
                }
            }
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: batch) { buffer in
            let amplitudes = buffer.baseAddress!
            plan.kxValues.withUnsafeBufferPointer { kx in
                ranges.forEach { run in
                    let ky = plan.kyValues[Int(run.ky)], end = Int(run.kxStart) + Int(run.count)
                    for first in stride(from: Int(run.kxStart), to: end, by: batch) {
                        let n = min(batch, end - first)
                        profile.fourier(kx: kx.baseAddress! + first, ky: ky, into: amplitudes, count: n)
                        body(run, first, n) { amplitudes[$0] }
                    }
                }
            }
        }
    }

    /// The real-transfer accumulation over `ranges`: amplitude(k_x, k_y) × phase × flux_b × T_b into every band.
    /// Reads every array through buffers: no bounds checks, no retains per entry.
    @inline(__always)
    private func addRuns(_ ranges: EntryRanges, into out: UnsafeMutablePointer<Float>, plan: FourierPlan,
                         profile: SersicProfile?, flux: [Float], phaseX: [(Double, Double)], phaseY: [(Double, Double)]) {
        let bands = plan.bandCount, entries = plan.count
        let bandStride = plan.size * plan.halfWidth * 2
        plan.transfer.withUnsafeBufferPointer { transfer in
            phaseX.withUnsafeBufferPointer { phaseX in
                flux.withUnsafeBufferPointer { flux in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * SersicTransform.batch) { buffer in
                        let phased = buffer.baseAddress!  // amplitude × phase of each entry, re and im interleaved
                        withAmplitudes(of: ranges, plan: plan, profile: profile) { run, first, n, amplitude in
                            let (cy, sy) = phaseY[Int(run.ky)]
                            for j in 0..<n {
                                let a = amplitude(j), (cx, sx) = phaseX[first + j]
                                phased[2 &* j] = Float(a * (cx * cy - sx * sy))
                                phased[2 &* j &+ 1] = Float(a * (cx * sy + sx * cy))
                            }
                            // Band by band: the run's cells are consecutive in each band's spectrum, and its
                            // transfer values in each band's part of the table, so this loop vectorises.
                            let offset = first - Int(run.kxStart)
                            let t = transfer.baseAddress! + Int(run.entryStart) + offset
                            let cells = out + (Int(run.cellStart) + offset) &* 2
                            for b in 0..<bands {
                                let o = cells + b &* bandStride, f = flux[b], tb = t + b &* entries
                                for j in 0..<n {
                                    let weight = f * tb[j]
                                    o[2 &* j] += weight * phased[2 &* j]
                                    o[2 &* j &+ 1] += weight * phased[2 &* j &+ 1]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The Fourier plan for a size and band PSFs (cached from its second request on). Built outside the lock, so
    /// that workers drawing PSFs per sample build their plans in parallel; two may build the same plan at once,
    /// which costs time only (a plan is a pure function of its key).
    func plan(size: Int, pixelScale: Double, psfs: [PSFDescription], models: [PSFModel]) -> FourierPlan {
        let key = PlanKey(size: size, pixelScale: pixelScale, psfs: psfs)
        if let existing = plans.withLock({ $0.cached[key] }) { return existing }
        let p = FourierPlan(size: size, pixelScale: pixelScale, psfs: models)
        return plans.withLock { plans in
            if let existing = plans.cached[key] { return existing }
            // Kept from its second request on: a plan needed once (the rare most extended galaxy's large FFT, or a
            // PSF drawn per sample) is dropped after its sample instead of holding its memory for the rest of the run.
            if plans.requestedOnce.remove(key) != nil {
                if plans.cached.count >= SampleRenderer.planCacheLimit { plans.cached.removeAll() }
                plans.cached[key] = p
            } else {
                if plans.requestedOnce.count >= 4 * SampleRenderer.planCacheLimit { plans.requestedOnce.removeAll() }
                plans.requestedOnce.insert(key)
            }
            return p
        }
    }
}
