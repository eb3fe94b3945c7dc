import SkyScene

/// Poisson counts per pixel, exact in distribution, from the pixel's own Philox counters (`NoiseCounter`):
/// λ < 12 by inversion (`PoissonInversion`, one 52-bit uniform: no rejection), λ ≥ 12 by PTRS
/// (`PoissonPTRS`). The image goes by batches of 256 pixels through branch-free SIMD passes
/// (`PoissonBatch`); no lane's result depends on another lane, so a pixel's count is the same in any
/// image, alone or not, and equals the scalar reference `sample` bit for bit.
public enum PoissonNoise {
    /// Means below this use inversion, at or above it PTRS.
    public static let inversionLimit = 12.0
    /// Largest supported mean in electrons; larger (or negative, or NaN) means give NaN.
    public static let maxLambda = PoissonPTRS.maxLambda

    /// A Poisson(λ) count (as Double) for pixel p; λ in electrons. The scalar reference of `samples`.
    public static func sample(lambda: Double, pixel p: Int, random: KeyedRandom) -> Double {
        guard lambda >= 0 && lambda <= maxLambda else { return .nan }
        let long = lambda >= PoissonPTRS.longLambda
        if !long {
            let (q, h) = NoiseCounter.poissonFirstSlot(pixel: p)
            let w = random.block(NoiseCounter.poissonFirst(block: q))
            let (hi, lo) = h == 0 ? (w.0, w.1) : (w.2, w.3)
            if lambda < inversionLimit { return PoissonInversion.sample(lambda: lambda, u: laneUnit52(hi, lo)) }
            let low = PoissonPTRS.shortLow
            if let k = ptrsTry(lambda: lambda, uHi: hi, uLo: low, vHi: lo, vLo: low) { return k }
            for t in 1...NoiseCounter.maxShortTry {
                let (c0, half) = NoiseCounter.poissonRetry(try: t, pixel: p, long: false)
                let w = random.block(c0)
                let (hi, lo) = half == 0 ? (w.0, w.1) : (w.2, w.3)
                if let k = ptrsTry(lambda: lambda, uHi: hi, uLo: low, vHi: lo, vLo: low) { return k }
            }
        } else {
            for t in 0...NoiseCounter.maxLongTry {
                let w = random.block(NoiseCounter.poissonRetry(try: t, pixel: p, long: true).c0)
                if let k = ptrsTry(lambda: lambda, uHi: w.0, uLo: w.1, vHi: w.2, vLo: w.3) { return k }
            }
        }
        return laneFloor(lambda + 0.5)  // every try rejected: probability < 1e-150
    }

    /// The Poisson count of λ = max(signal, 0) + sky for pixel p as `NoiseApplier` draws it for CCD noise
    /// (the scalar reference of that path; it builds the sky table on every call, so it is slow). With
    /// sky ≤ `PoissonTable.maxSky` and 0 ≤ δ = max(signal, 0) < 12 the count is the split sum
    /// Poisson(sky) + Poisson(δ) (table inversion of the first word of the pixel's first-draw half, inversion
    /// of the second word); otherwise `sample(lambda: δ + sky, ...)`. NaN signal gives NaN.
    public static func sample(signal: Double, sky: Double, pixel p: Int, random: KeyedRandom) -> Double {
        let delta = signal < 0 ? 0 : signal
        guard sky <= PoissonTable.maxSky, delta >= 0, delta < inversionLimit else {
            return sample(lambda: delta + sky, pixel: p, random: random)
        }
        let (q, h) = NoiseCounter.poissonFirstSlot(pixel: p)
        let w = random.block(NoiseCounter.poissonFirst(block: q))
        let (hi, lo) = h == 0 ? (w.0, w.1) : (w.2, w.3)
        return PoissonTable(sky: sky).sample(word: hi)
            + PoissonInversion.sample(lambda: delta, u: laneUnit52(lo, PoissonPTRS.shortLow))
    }

    /// One PTRS try: the count, or nil if rejected.
    static func ptrsTry(lambda: Double, uHi: UInt32, uLo: UInt32, vHi: UInt32, vLo: UInt32) -> Double? {
        let b = PoissonPTRS.scale(lambda: lambda)
        let t = PoissonPTRS.candidate(lambda: lambda, b: b, uHi: uHi, uLo: uLo, vHi: vHi, vLo: vLo)
        if t.squeezed || (t.open && PoissonPTRS.accepts(lambda: lambda, b: b, k: t.k, us: t.us, v: t.v)) { return t.k }
        return nil
    }

    /// Poisson counts of pixels 0..<lambdas.count with the given means (electrons).
    public static func samples(lambdas: [Double], random: KeyedRandom) -> [Double] {
        let count = lambdas.count
        precondition(count <= NoiseCounter.maxPixels, "noise images hold at most 2^24 pixels")
        let lanes = PhiloxLanes(random)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            PoissonBatch.withBatch { batch in
                var start = 0
                while start < count {
                    let n = min(PoissonBatch.pixels, count - start)
                    for l in 0..<PoissonBatch.pixels { batch.lambda[l] = l < n ? lambdas[start + l] : 0 }
                    batch.run(lanes, first: start)
                    (buffer.baseAddress! + start).update(from: batch.counts, count: n)
                    start += n
                }
            }
            initialized = count
        }
    }
}
