import SkyScene

/// Poisson counts per pixel, exact in distribution, one Philox block per try (NoiseCounter tags 1…255):
/// λ < 12 by inversion (`PoissonInversion`, one 52-bit uniform: no rejection), λ ≥ 12 by PTRS
/// (`PoissonPTRS`, U and V of 52 bits each; a rejected try moves to the next tag). Per chunk of 32 pixels
/// the Philox blocks, the PTRS squeeze of try 0 and the whole inversion run as branch-free lane loops;
/// the pixels the squeeze leaves open (20–60 %, fewer for larger λ) continue one by one in `finish`,
/// which is also the scalar reference `sample` and gives the same bits.
public enum PoissonNoise {
    /// Means below this use inversion, at or above it PTRS.
    public static let inversionLimit = 12.0
    /// Largest supported mean in electrons; larger (or negative, or NaN) means give NaN.
    public static let maxLambda = PoissonPTRS.maxLambda
    /// Pixels per lane chunk (a lane loop needs ≥ 16 iterations before LLVM vectorises it).
    public static let chunkPixels = 32

    /// A Poisson(λ) count (as Double) for pixel p; λ in electrons.
    public static func sample(lambda: Double, pixel p: Int, random: KeyedRandom) -> Double {
        finish(lambda: lambda, pixel: p, random: random, first: random.block(NoiseCounter.poisson(attempt: 0, pixel: p)))
    }

    /// Poisson counts of pixels 0..<lambdas.count with the given means (electrons).
    public static func samples(lambdas: [Double], random: KeyedRandom) -> [Double] {
        let count = lambdas.count
        precondition(count <= NoiseCounter.maxPixels, "noise images hold at most 2^24 pixels")
        let lanes = PhiloxLanes(random)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * chunkPixels) { scratch in
                let lam = scratch.baseAddress!, counts = lam + chunkPixels
                var start = 0
                while start < count {
                    let n = min(chunkPixels, count - start)
                    for l in 0..<chunkPixels { lam[l] = l < n ? lambdas[start + l] : 0 }
                    chunk(lanes, random: random, first: start, lambda: lam, into: counts)
                    (buffer.baseAddress! + start).update(from: counts, count: n)
                    start += n
                }
            }
            initialized = count
        }
    }

    /// Counts of pixels first…first+31 with means lambda[0..<32] into out[0..<32]. Stages, each a lane
    /// loop over the 32 pixels: Philox try-0 blocks; classify; PTRS try 0 (if any λ ≥ 12); inversion (if
    /// any λ < 12); then, one by one, the pixels left pending.
    static func chunk(_ lanes: PhiloxLanes, random: KeyedRandom, first: Int,
                      lambda: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let n = chunkPixels
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 7 * n) { wordBuffer in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 5 * n) { doubleBuffer in
                let w = wordBuffer.baseAddress!, pending = w + 4 * n, stuck = w + 5 * n, isSmall = w + 6 * n
                let small = doubleBuffer.baseAddress!, u = small + n, p = small + 2 * n, cdf = small + 3 * n, k = small + 4 * n
                for group in stride(from: 0, to: n, by: 8) {
                    let (w0, w1, w2, w3) = lanes.blocks(first: NoiseCounter.poisson(attempt: 0, pixel: first + group))
                    for l in 0..<8 {
                        w[group + l] = w0[l]
                        w[n + group + l] = w1[l]
                        w[2 * n + group + l] = w2[l]
                        w[3 * n + group + l] = w3[l]
                    }
                }
                let kinds = classify(count: n, lambda: lambda, isSmall: isSmall, small: small, pending: pending)
                if kinds.anyLarge {
                    ptrsFirstTry(count: n, lambda: lambda, words: w, k: out, pending: pending)
                }
                if kinds.anySmall {
                    for l in 0..<n { u[l] = laneUnit52(w[l], w[n + l]) }
                    PoissonInversion.lanes(count: n, lambda: small, u: u, p: p, cdf: cdf, k: k, stuck: stuck)
                    for l in 0..<n {
                        out[l] = isSmall[l] != 0 ? k[l] : out[l]
                        pending[l] = isSmall[l] != 0 ? stuck[l] : pending[l]
                    }
                }
                for l in 0..<n where pending[l] != 0 {
                    out[l] = finish(lambda: lambda[l], pixel: first + l, random: random,
                                    first: (w[l], w[n + l], w[2 * n + l], w[3 * n + l]))
                }
            }
        }
    }

    /// isSmall = 1 and small = λ where inversion applies (else 0, 0); pending = 1 everywhere (lanes a
    /// later stage does not settle go to `finish`, which also turns invalid λ into NaN).
    static func classify(count: Int, lambda: UnsafePointer<Double>, isSmall: UnsafeMutablePointer<UInt32>,
                         small: UnsafeMutablePointer<Double>, pending: UnsafeMutablePointer<UInt32>)
        -> (anySmall: Bool, anyLarge: Bool) {
        var smallCount = 0, largeCount = 0
        for l in 0..<count {
            let lam = lambda[l]
            let inversion = lam >= 0 && lam < inversionLimit
            isSmall[l] = inversion ? 1 : 0
            small[l] = inversion ? lam : 0
            pending[l] = 1
            smallCount &+= inversion ? 1 : 0
            largeCount &+= lam >= inversionLimit && lam <= maxLambda ? 1 : 0
        }
        return (smallCount > 0, largeCount > 0)
    }

    /// PTRS try 0 of `count` lanes (words[count·j + l]), branch-free: k = candidate, pending = 0 where
    /// λ is in PTRS range and the squeeze accepted it. (LLVM's SSE2 cost model keeps this loop scalar.)
    @inline(never)
    static func ptrsFirstTry(count: Int, lambda: UnsafePointer<Double>, words w: UnsafePointer<UInt32>,
                             k: UnsafeMutablePointer<Double>, pending: UnsafeMutablePointer<UInt32>) {
        let w1 = w + count, w2 = w + 2 * count, w3 = w + 3 * count  // no index arithmetic in the loop
        for l in 0..<count {
            let lam = lambda[l]
            let t = PoissonPTRS.candidate(lambda: lam, slam: laneSqrt(lam), w[l], w1[l], w2[l], w3[l])
            k[l] = t.k
            pending[l] = ((lam >= inversionLimit ? 1 : 0) & (lam <= maxLambda ? 1 : 0) & t.squeezed) ^ 1
        }
    }

    /// The whole algorithm for pixel p, given the words of its try-0 block (the scalar reference).
    @inline(never)
    static func finish(lambda: Double, pixel p: Int, random: KeyedRandom,
                       first: (UInt32, UInt32, UInt32, UInt32)) -> Double {
        guard lambda >= 0 && lambda <= maxLambda else { return .nan }
        if lambda < inversionLimit { return PoissonInversion.sample(lambda: lambda, u: laneUnit52(first.0, first.1)) }
        let slam = laneSqrt(lambda)
        for r in 0..<NoiseCounter.maxPoissonAttempts {
            let w = r == 0 ? first : random.block(NoiseCounter.poisson(attempt: r, pixel: p))
            let t = PoissonPTRS.candidate(lambda: lambda, slam: slam, w.0, w.1, w.2, w.3)
            if t.squeezed != 0 || (PoissonPTRS.isOpen(k: t.k, us: t.us, v: t.v) && PoissonPTRS.accepts(lambda: lambda, slam: slam, k: t.k, us: t.us, v: t.v)) {
                return t.k
            }
        }
        return laneFloor(lambda + 0.5)  // 255 rejections in a row: probability < 1e-200
    }
}
