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
        precondition(signal.count <= NoiseCounter.maxPixels, "noise images hold at most 2^24 pixels")
        precondition(skyElectrons >= 0 && skyElectrons.isFinite, "sky must be finite and ≥ 0 electrons")
        let kept = subtractSky ? 0 : skyElectrons
        switch noise {
        case .none:
            precondition(gain > 0, "gain must be > 0 e⁻/ADU")
            return signal.map { Float((Double($0) + kept) / gain) }
        case .gaussian(let sigma):
            precondition(gain > 0 && sigma >= 0, "gain must be > 0 and sigma ≥ 0")
            return gaussian(signal, kept: kept, gain: gain, sigma: sigma, random: random)
        case .ccd(let ccdGain, let readNoise):
            precondition(ccdGain > 0 && readNoise >= 0, "gain must be > 0 and read noise ≥ 0")
            return ccd(signal, sky: skyElectrons, kept: kept, gain: ccdGain, readNoise: readNoise, random: random)
        }
    }

    /// (s + kept)/gain + sigma·N, one Gaussian chunk (128 pixels) at a time.
    static func gaussian(_ signal: [Float], kept: Double, gain: Double, sigma: Double, random: KeyedRandom) -> [Float] {
        let count = signal.count, chunkPixels = GaussianNoise.chunkPixels
        let lanes = PhiloxLanes(random)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            signal.withUnsafeBufferPointer { s in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: chunkPixels) { normals in
                    var start = 0
                    while start < count {
                        GaussianNoise.chunk(lanes, index: start / chunkPixels, into: normals.baseAddress!)
                        let o = out.baseAddress! + start, e = s.baseAddress! + start  // (no index arithmetic in loops)
                        for l in 0..<min(chunkPixels, count - start) {
                            o[l] = Float((Double(e[l]) + kept) / gain + sigma * Double(normals[l]))
                        }
                        start += chunkPixels
                    }
                }
            }
            initialized = count
        }
    }

    /// (Poisson(max(s, 0) + sky) − sky + kept + readNoise·N)/gain, one Gaussian chunk (128 pixels, four
    /// Poisson chunks) at a time.
    static func ccd(_ signal: [Float], sky: Double, kept: Double, gain: Double, readNoise: Double,
                    random: KeyedRandom) -> [Float] {
        let count = signal.count, chunkPixels = GaussianNoise.chunkPixels
        let lanes = PhiloxLanes(random)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            signal.withUnsafeBufferPointer { s in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * chunkPixels) { work in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: chunkPixels) { normals in
                        let lambda = work.baseAddress!, counts = lambda + chunkPixels
                        var start = 0
                        while start < count {
                            let n = min(chunkPixels, count - start)
                            let o = out.baseAddress! + start, e = s.baseAddress! + start  // (no index arithmetic in loops)
                            for l in 0..<n { lambda[l] = Double(e[l] < 0 ? 0 : e[l]) + sky }  // clamp FFT ringing; NaN stays NaN
                            for l in n..<chunkPixels { lambda[l] = 0 }
                            for part in stride(from: 0, to: n, by: PoissonNoise.chunkPixels) {
                                PoissonNoise.chunk(lanes, random: random, first: start + part,
                                                   lambda: lambda + part, into: counts + part)
                            }
                            if readNoise > 0 {
                                GaussianNoise.chunk(lanes, index: start / chunkPixels, into: normals.baseAddress!)
                                for l in 0..<n { o[l] = Float((counts[l] - sky + kept + readNoise * Double(normals[l])) / gain) }
                            } else {
                                for l in 0..<n { o[l] = Float((counts[l] - sky + kept) / gain) }
                            }
                            start += chunkPixels
                        }
                    }
                }
            }
            initialized = count
        }
    }
}
