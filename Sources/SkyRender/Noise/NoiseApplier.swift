import SkyScene

/// Turns one band's noiseless image (electrons) into the observed image (ADU), following
/// CONVENTIONS.md: Poisson on signal + sky, Gaussian read noise, divided by gain, sky mean optionally
/// subtracted. Pixel p's noise depends only on (random.key, p): see `NoiseCounter` for the layout.
public enum NoiseApplier {
    /// The band image in ADU from `signal` (electrons per pixel, H*W row-major) under the band's noise model.
    public static func apply(signal: [Float], band: BandSpec, random: KeyedRandom) -> [Float] {
        apply(signal: signal, noise: band.noise, skyElectrons: band.skyElectrons, gain: band.gain,
              subtractSky: band.subtractSky, random: random)
    }

    /// Same with the band's numbers given: sky in electrons per pixel, gain in e⁻/ADU for `.none` and
    /// `.gaussian` (`.ccd` carries its own gain). Per pixel, with s = signal and S = sky (0 if subtracted
    /// afterwards, sky otherwise; the subtraction is folded in exactly):
    /// `.none` (s + S)/g; `.gaussian(σ)` (s + S)/g + σ·N; `.ccd(g, r)` (Poisson(max(s, 0) + sky) − sky + S + r·N)/g.
    public static func apply(signal: [Float], noise: NoiseDescription, skyElectrons: Double, gain: Double,
                             subtractSky: Bool, random: KeyedRandom) -> [Float] {
        [Float](unsafeUninitializedCapacity: signal.count) { out, initialized in
            signal.withUnsafeBufferPointer { signal in
                apply(signal: signal, into: out.baseAddress!, noise: noise, skyElectrons: skyElectrons, gain: gain,
                      subtractSky: subtractSky, random: random)
            }
            initialized = signal.count
        }
    }

    /// `apply(signal:band:random:)` written to out[0..<signal.count] (ADU) instead of a new array.
    static func apply(signal: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>, band: BandSpec,
                      random: KeyedRandom) {
        apply(signal: signal, into: out, noise: band.noise, skyElectrons: band.skyElectrons, gain: band.gain,
              subtractSky: band.subtractSky, random: random)
    }

    /// `apply(signal:noise:skyElectrons:gain:subtractSky:random:)` written to out[0..<signal.count] (ADU).
    static func apply(signal: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>, noise: NoiseDescription,
                      skyElectrons: Double, gain: Double, subtractSky: Bool, random: KeyedRandom) {
        precondition(signal.count <= NoiseCounter.maxPixels, "noise images hold at most 2^24 pixels")
        precondition(skyElectrons >= 0 && skyElectrons.isFinite, "sky must be finite and ≥ 0 electrons")
        let kept = subtractSky ? 0 : skyElectrons
        switch noise {
        case .none:
            precondition(gain > 0, "gain must be > 0 e⁻/ADU")
            for i in 0..<signal.count { out[i] = Float((Double(signal[i]) + kept) / gain) }
        case .gaussian(let sigma):
            precondition(gain > 0 && sigma >= 0, "gain must be > 0 and sigma ≥ 0")
            gaussian(signal, into: out, kept: kept, gain: gain, sigma: sigma, random: random)
        case .ccd(let ccdGain, let readNoise):
            precondition(ccdGain > 0 && readNoise >= 0, "gain must be > 0 and read noise ≥ 0")
            ccd(signal, into: out, sky: skyElectrons, kept: kept, gain: ccdGain, readNoise: readNoise, random: random)
        }
    }

    /// (s + kept)/gain + sigma·N into out, one Gaussian chunk (128 pixels) at a time.
    static func gaussian(_ s: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>, kept: Double,
                         gain: Double, sigma: Double, random: KeyedRandom) {
        let count = s.count, chunkPixels = GaussianNoise.chunkPixels
        let lanes = PhiloxLanes(random)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: chunkPixels) { normals in
            var start = 0
            while start < count {
                GaussianNoise.chunk(lanes, index: start / chunkPixels, into: normals.baseAddress!)
                let o = out + start, e = s.baseAddress! + start  // (no index arithmetic in loops)
                for l in 0..<min(chunkPixels, count - start) {
                    o[l] = Float((Double(e[l]) + kept) / gain + sigma * Double(normals[l]))
                }
                start += chunkPixels
            }
        }
    }

    /// (Poisson(max(s, 0) + sky) − sky + kept + readNoise·N)/gain, one Poisson batch (256 pixels) and its
    /// two Gaussian chunks (128 pixels) at a time. With sky ≤ `PoissonTable.maxSky` the Poisson count of a
    /// pixel with 0 ≤ δ = max(s, 0) < 12 is Poisson(sky) from the band's table plus Poisson(δ) by inversion
    /// (the same distribution, and ~5× cheaper than PTRS on sky + δ); other pixels go by PTRS on sky + δ.
    /// `PoissonNoise.sample(signal:sky:pixel:random:)` is the per-pixel reference.
    static func ccd(_ s: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>, sky: Double, kept: Double,
                    gain: Double, readNoise: Double, random: KeyedRandom) {
        let count = s.count, chunkPixels = GaussianNoise.chunkPixels, batchPixels = PoissonBatch.pixels
        let lanes = PhiloxLanes(random)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: chunkPixels) { normals in
            PoissonBatch.withBatch { batch in
                let lambda = batch.lambda, delta = batch.delta, counts = batch.counts
                batch.table = sky <= PoissonTable.maxSky ? PoissonTable.cached(sky: sky) : nil
                var start = 0
                while start < count {
                    let n = min(batchPixels, count - start)
                    let e = s.baseAddress! + start  // (no index arithmetic in loops)
                    for l in 0..<n {
                        delta[l] = Double(e[l] < 0 ? 0 : e[l])  // clamp FFT ringing; NaN stays NaN
                        lambda[l] = delta[l] + sky
                    }
                    for l in n..<batchPixels {  // beyond the image: the cheapest valid pixels
                        delta[l] = 0
                        lambda[l] = batch.table == nil ? 0 : sky
                    }
                    batch.run(lanes, first: start)
                    for part in stride(from: 0, to: n, by: chunkPixels) {
                        let m = min(chunkPixels, n - part)
                        let o = out + start + part, c = counts + part
                        if readNoise > 0 {
                            GaussianNoise.chunk(lanes, index: (start + part) / chunkPixels, into: normals.baseAddress!)
                            for l in 0..<m { o[l] = Float((c[l] - sky + kept + readNoise * Double(normals[l])) / gain) }
                        } else {
                            for l in 0..<m { o[l] = Float((c[l] - sky + kept) / gain) }
                        }
                    }
                    start += n
                }
            }
        }
    }
}
