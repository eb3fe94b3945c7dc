/// The lane engine of `PoissonNoise` and of CCD noise: Poisson counts of 256 consecutive pixels (first a
/// multiple of 128) in passes that are each straight-line over SIMD lanes, with no branch per lane:
///
/// 1. classify every pixel: inversion (λ < 12), short PTRS (12 ≤ λ < 2^20), long PTRS, invalid, or, given
///    a sky table (CCD noise, `NoiseApplier`), split: λ = sky + δ with 0 ≤ δ < 12;
/// 2. the first-draw Philox blocks (`NoiseCounter`: half a block per pixel);
/// 3. the small counts (`smallCounts`): inversion, and for split pixels table inversion of Poisson(sky)
///    plus inversion of Poisson(δ) (a sum of independent Poisson variables is Poisson(sky + δ));
/// 4. PTRS try 0 of every short pixel: candidate and squeeze on all lanes (or, if short pixels are few,
///    on a list of them); squeezed tries give their count, open ones go to the log-test list, rejected
///    ones to the retry list, by branch-free appends;
/// 5. the log-density test on the gathered log-test list (a dense queue, so no lane idles on a squeezed
///    pixel); rejected tries join the retry list;
/// 6. while the retry list (which starts with the long PTRS pixels) is not empty: each entry's Philox block
///    from its own counter (lane-parallel over arbitrary counters), then steps 4–5 on the list.
///
/// A pixel's result depends only on its λ (δ and the sky) and its own counters, never on its neighbours,
/// so it equals `PoissonNoise.sample` bit for bit whatever else is in the batch.
struct PoissonBatch {
    /// Pixels per batch: 2 Gaussian chunks, 128 first-draw blocks (256 and 512 measured alike, 1024 slower).
    static let pixels = 256
    /// Array capacity: room to pad any list to whole groups of 8 lanes.
    static let capacity = pixels + 8

    /// Inputs and outputs: means (pixels beyond the image get 0) and counts.
    let lambda, counts: UnsafeMutablePointer<Double>
    /// With a sky table (the CCD split path): the signal part δ of each mean (λ = δ + sky), and the table.
    let delta: UnsafeMutablePointer<Double>
    var table: PoissonTable?
    /// Per pixel: kind; try-0 mode (the kind for short PTRS pixels, else `inactive`). Filled only for
    /// mixed batches: in a batch of one kind, that kind is `uniformKind` (else −1).
    let kind, firstMode: UnsafeMutablePointer<Int64>
    var uniformKind: Int64 = -1
    /// Per pixel: its first-draw half, packed first << 32 | second (`PhiloxLanes`).
    let half: UnsafeMutablePointer<UInt64>
    /// The list of tries being run and the list of the next ones: pixel and try number.
    var lanes, tries, nextLanes, nextTries: UnsafeMutablePointer<Int64>
    /// Per retry entry: mode (kind), second-half flag (−1/0), counter, Philox words A and B, λ.
    let mode, secondHalf: UnsafeMutablePointer<Int64>
    let counter, wordsA, wordsB: UnsafeMutablePointer<UInt64>
    let entryLambda: UnsafeMutablePointer<Double>
    /// Per entry (pixel for try 0): candidate, its us and v, the hat scale b, and the route (`Route`).
    let k, us, v, b: UnsafeMutablePointer<Double>
    let route: UnsafeMutablePointer<Int64>
    /// The log-test list (entry numbers), gathered operands and results (1 = rejected).
    let logEntries, logRejected: UnsafeMutablePointer<Int64>
    let logLambda, logB, logK, logUs, logV: UnsafeMutablePointer<Double>
    /// Scratch for the inversion walks.
    let spare: UnsafeMutablePointer<Double>

    /// Lane kinds (Int64 so lane code loads them as masks; `classify` relies on these values). split:
    /// Poisson(sky) by `table` + Poisson(δ) by inversion, for 0 ≤ δ < 12 when there is a table.
    static let invalid: Int64 = 0, inversion: Int64 = 1, shortPTRS: Int64 = 2, longPTRS: Int64 = 3, split: Int64 = 4
    /// The try mode of a lane that takes no try.
    static let inactive: Int64 = 0
    /// Where a try goes after its candidate.
    enum Route {
        static let done: Int64 = 0, logTest: Int64 = 1, retry: Int64 = 2, none: Int64 = 3
    }

    /// Runs body with a batch whose scratch lives for the call (one allocation).
    static func withBatch<R>(_ body: (inout PoissonBatch) throws -> R) rethrows -> R {
        let doubles = 14, ints = 11, words = 4
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (doubles + ints + words) * capacity * 8, alignment: 64)
        defer { raw.deallocate() }
        let d = raw.bindMemory(to: Double.self, capacity: doubles * capacity)
        (d + 12 * capacity).initialize(repeating: 0, count: capacity)  // delta (read by classify without a table)
        let i = (raw + doubles * capacity * 8).bindMemory(to: Int64.self, capacity: ints * capacity)
        let w = (raw + (doubles + ints) * capacity * 8).bindMemory(to: UInt64.self, capacity: words * capacity)
        func double(_ n: Int) -> UnsafeMutablePointer<Double> { d + n * capacity }
        func int(_ n: Int) -> UnsafeMutablePointer<Int64> { i + n * capacity }
        func word(_ n: Int) -> UnsafeMutablePointer<UInt64> { w + n * capacity }
        var batch = PoissonBatch(
            lambda: double(0), counts: double(1), delta: double(12), table: nil, kind: int(0), firstMode: int(1), half: word(0),
            lanes: int(2), tries: int(3), nextLanes: int(4), nextTries: int(5), mode: int(6), secondHalf: int(7),
            counter: word(1), wordsA: word(2), wordsB: word(3), entryLambda: double(2),
            k: double(3), us: double(4), v: double(5), b: double(6), route: int(8),
            logEntries: int(9), logRejected: int(10),
            logLambda: double(7), logB: double(8), logK: double(9), logUs: double(10), logV: double(11), spare: double(13))
        return try body(&batch)
    }

    /// counts[0..<256] from lambda (and delta, with a table) for pixels first…first+255 (first a multiple of
    /// 128; the first-draw blocks are drawn only if some pixel needs them).
    mutating func run(_ philox: PhiloxLanes, first: Int) {
        let n = Self.pixels
        let (inversions, shorts, longs, splits) = classify()
        if inversions + shorts + splits > 0 {
            let chunkBlocks = NoiseCounter.poissonChunkBlocks
            for chunk in stride(from: 0, to: n, by: 2 * chunkBlocks) {
                let q0 = NoiseCounter.poissonFirstSlot(pixel: first + chunk).block
                philox.fill(first: NoiseCounter.poissonFirst(block: q0), count: chunkBlocks,
                            a: half + chunk, b: half + chunk + chunkBlocks)
            }
        }
        if inversions + splits > 0 {
            smallCounts(inversions: inversions > 0, splits: splits > 0)
        }
        // The retry list starts with the long PTRS pixels at try 0; try 0 of short pixels adds its rejects.
        var retries = 0
        if longs > 0 {
            for l in 0..<n where kind[l] == Self.longPTRS {
                nextLanes[retries] = Int64(l)
                nextTries[retries] = 0
                retries += 1
            }
        }
        if shorts * 2 >= n {  // dense: try 0 on every lane
            let tests: Int
            (tests, retries) = firstTries(allShort: shorts == n, retries: retries)
            retries = testFirstTries(count: tests, retries: retries)
        } else if shorts > 0 {  // sparse: try 0 on the listed short lanes only
            var count = 0
            for l in 0..<n {
                lanes[count] = Int64(l)
                tries[count] = 0
                count &+= kind[l] == Self.shortPTRS ? 1 : 0
            }
            for i in 0..<((count + laneWidth - 1) / laneWidth * laneWidth) {
                let valid = i < count, pixel = valid ? Int(truncatingIfNeeded: lanes[i]) : 0
                entryLambda[i] = lambda[pixel]
                wordsA[i] = half[pixel]
                wordsB[i] = 0
                secondHalf[i] = 0
                mode[i] = valid ? Self.shortPTRS : Self.inactive
            }
            retries = tryList(count: count, retries: retries)
        }
        while retries > 0 {
            swap(&lanes, &nextLanes)
            swap(&tries, &nextTries)
            retries = retryPass(philox, first: first, count: retries)
        }
    }

    /// The counts of the inversion pixels, Poisson(λ) by inversion of the pixel's half as one 52-bit
    /// uniform, and of the split pixels, Poisson(sky) from the table and the first word of the half plus
    /// Poisson(δ) by inversion of the second word as a 32-bit uniform.
    ///
    /// Inversion walks the CDF from k = 0, so a lane loop lasts as long as its largest count. Means are
    /// often tiny (a galaxy's wings), so a first lane pass finds the lanes whose count may be ≥ 1 without an
    /// exponential (u > 1 − mean, with a margin); if they are few (≤ 1/4) only they are gathered and walked,
    /// 32 at a time, else every lane is walked in place. A lane's count is the same either way. Where every
    /// mean is 0 nothing is walked (the count is 0).
    @inline(never)
    func smallCounts(inversions: Bool, splits: Bool) {
        let n = Self.pixels, width = PoissonInversion.lanesWidth
        let sky = b, small = logLambda, u = logB, p = logK, signal = logV  // (free scratch here)
        let listed = logEntries, listLambda = k, listU = us, listK = v, listP = spare, work = entryLambda  // (likewise)
        let mixed = uniformKind < 0
        if !mixed && uniformKind == Self.inversion {  // every lane by inversion: walk them in place
            for l in 0..<n {
                u[l] = laneUnit52(UInt32(truncatingIfNeeded: half[l] &>> 32), UInt32(truncatingIfNeeded: half[l]))
                p[l] = laneExp(-lambda[l])
            }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: width) { stuck in
                for part in stride(from: 0, to: n, by: width) {
                    PoissonInversion.lanes(count: width, lambda: lambda + part, u: u + part, p: p + part,
                                           cdf: work, k: counts + part, stuck: stuck.baseAddress!)
                    for j in 0..<width where stuck[j] != 0 {
                        counts[part + j] = PoissonInversion.sample(lambda: lambda[part + j], u: u[part + j])
                    }
                }
            }
            return
        }
        if splits, let table { table.samples(count: n, half: half, into: sky, slow: logEntries) }
        // The inversion means (λ, δ or 0; all ≥ 0): δ itself when every pixel is split, else gathered into `small`.
        // Whether any is not +0 is an OR of bit patterns, which vectorises (a running max does not).
        var means = delta, anyNonZero: UInt64 = 0
        if !mixed && uniformKind == Self.split {
            for l in 0..<n { anyNonZero |= delta[l].bitPattern }
        } else {
            means = small
            for l in 0..<n {
                let kindOf = mixed ? kind[l] : uniformKind
                small[l] = kindOf == Self.inversion ? lambda[l] : (kindOf == Self.split ? delta[l] : 0)
                anyNonZero |= small[l].bitPattern
            }
        }
        if anyNonZero != 0 {  // (a −0 takes this path too and gets 0, as u ≤ e^0)
            let shortLow = PoissonPTRS.shortLow
            if inversions {  // 52 bits (first word high) for inversion lanes, 32 (second word) for split lanes
                for l in 0..<n {
                    let first = UInt32(truncatingIfNeeded: half[l] &>> 32), second = UInt32(truncatingIfNeeded: half[l])
                    let isInversion = (mixed ? kind[l] : uniformKind) == Self.inversion
                    u[l] = laneUnit52(isInversion ? first : second, isInversion ? second : shortLow)
                }
            } else {
                for l in 0..<n { u[l] = laneUnit52(UInt32(truncatingIfNeeded: half[l]), shortLow) }
            }
            // The lanes that may have a count ≥ 1: u > e^{−mean} implies u > 1 − mean − 2^-50 (e^{−x} ≥ 1 − x, and the
            // margin covers every rounding), a test with no exponential; most lanes of a faint background fail it.
            let candidate = route  // (free scratch here)
            for l in 0..<n { candidate[l] = u[l] > (1 - means[l]) - 0x1p-50 ? 1 : 0 }
            var count = 0
            for l in 0..<n {
                listed[count] = Int64(l)
                count &+= Int(truncatingIfNeeded: candidate[l])
            }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: width) { stuck in
                if count * 4 > n {  // many: walk every lane in place
                    for l in 0..<n { p[l] = laneExp(-means[l]) }
                    for part in stride(from: 0, to: n, by: width) {
                        PoissonInversion.lanes(count: width, lambda: means + part, u: u + part, p: p + part,
                                               cdf: work, k: signal + part, stuck: stuck.baseAddress!)
                        for j in 0..<width where stuck[j] != 0 {
                            signal[part + j] = PoissonInversion.sample(lambda: means[part + j], u: u[part + j])
                        }
                    }
                    return
                }
                for l in 0..<n { signal[l] = 0 }
                for part in stride(from: 0, to: count, by: width) {  // few: walk only them, gathered
                    for j in 0..<width {
                        let valid = part + j < count, l = valid ? Int(truncatingIfNeeded: listed[part + j]) : 0
                        listLambda[j] = valid ? means[l] : 0
                        listU[j] = valid ? u[l] : 0.5
                    }
                    for j in 0..<width { listP[j] = laneExp(-listLambda[j]) }  // (1 for the padding's mean 0)
                    PoissonInversion.lanes(count: width, lambda: listLambda, u: listU, p: listP, cdf: work,
                                           k: listK, stuck: stuck.baseAddress!)
                    for j in 0..<min(width, count - part) {
                        let l = Int(truncatingIfNeeded: listed[part + j])
                        signal[l] = stuck[j] == 0 ? listK[j] : PoissonInversion.sample(lambda: means[l], u: u[l])
                    }
                }
            }
        } else {
            for l in 0..<n { signal[l] = 0 }
        }
        if !mixed {
            if splits {
                for l in 0..<n { counts[l] = sky[l] + signal[l] }
            } else {
                for l in 0..<n { counts[l] = signal[l] }
            }
        } else {
            for l in 0..<n {
                let kindOf = kind[l]
                counts[l] = kindOf == Self.inversion ? signal[l] : (kindOf == Self.split ? sky[l] + signal[l] : counts[l])
            }
        }
    }

    /// kind and firstMode per pixel, counts = NaN (kept by invalid λ); the numbers of inversion, short
    /// and long PTRS, and split pixels. A first pass spots the common batches of one kind (a flat sky),
    /// which set uniformKind instead.
    @inline(never)
    mutating func classify() -> (inversions: Int, shorts: Int, longs: Int, splits: Int) {
        let withTable = table != nil, limit = PoissonNoise.inversionLimit
        // Integer flags ORed over plain loops (NaN compares false, so it is flagged): 4 lanes wide with AVX2.
        if withTable {  // with a table a uniform batch can only be all split
            var outside = 0
            for l in 0..<Self.pixels {
                let d = delta[l]
                outside |= (d >= 0 ? 0 : 1) | (d < limit ? 0 : 1)
            }
            if outside == 0 {
                uniformKind = Self.split
                return (0, 0, 0, Self.pixels)
            }
        } else {
            var notShort = 0, notSmall = 0
            for l in 0..<Self.pixels {
                let lam = lambda[l]
                notShort |= (lam >= limit ? 0 : 1) | (lam < PoissonPTRS.longLambda ? 0 : 1)
                notSmall |= (lam >= 0 ? 0 : 1) | (lam < limit ? 0 : 1)
            }
            if notShort == 0 {
                uniformKind = Self.shortPTRS
                return (0, Self.pixels, 0, 0)
            }
            if notSmall == 0 {
                uniformKind = Self.inversion
                return (Self.pixels, 0, 0, 0)
            }
        }
        uniformKind = -1
        var inversions = 0, shorts = 0, longs = 0, splits = 0
        let tableFlag = withTable ? 1 : 0
        for l in 0..<Self.pixels {  // (integer flags, not &&: no branch per lane)
            let lam = lambda[l], d = delta[l]
            let split = tableFlag & (d >= 0 ? 1 : 0) & (d < PoissonNoise.inversionLimit ? 1 : 0)
            let small = (lam >= 0 ? 1 : 0) & (lam < PoissonNoise.inversionLimit ? 1 : 0) & (split ^ 1)  // 0 for NaN
            let ptrs = (lam >= PoissonNoise.inversionLimit ? 1 : 0) & (lam <= PoissonNoise.maxLambda ? 1 : 0) & (split ^ 1)
            let long = ptrs & (lam >= PoissonPTRS.longLambda ? 1 : 0)
            let short = ptrs & (long ^ 1)
            kind[l] = Int64(small * 1 + short * 2 + long * 3 + split * 4)  // (Self.inversion … Self.split)
            firstMode[l] = Int64(short * 2)
            counts[l] = .nan
            inversions &+= small
            shorts &+= short
            longs &+= long
            splits &+= split
        }
        return (inversions, shorts, longs, splits)
    }

    /// Try 0 of every short PTRS pixel (firstMode = shortPTRS; the others are masked off unless allShort):
    /// candidate and squeeze from the pixel's first-draw half. counts = k where squeezed; open tries go to
    /// the log-test list (with k, us, v, scale kept per pixel), rejected ones to the next retry list after
    /// the `retries` already there. Returns both lists' lengths.
    @inline(never)
    mutating func firstTries(allShort: Bool, retries: Int) -> (tests: Int, retries: Int) {
        let low = WordLanes(repeating: UInt64(PoissonPTRS.shortLow)), mask = WordLanes(repeating: 0xFFFF_FFFF)
        let zero = IntLanes(repeating: 0), one = IntLanes(repeating: 1)
        var tests = 0, next = retries
        @inline(__always)
        func lanes(_ g: Int, _ active: LaneMask?) {
            let h = loadLanes(half + g, as: WordLanes.self)
            var lam = loadLanes(lambda + g, as: DoubleLanes.self)
            if let active { lam = DoubleLanes(repeating: PoissonNoise.inversionLimit).replacing(with: lam, where: active) }
            let hat = PoissonPTRS.scale(lambda: lam)
            let t = PoissonPTRS.candidate(lambda: lam, b: hat, uHi: h &>> 32, uLo: low, vHi: h & mask, vLo: low)
            storeLanes(t.k, to: k + g)
            storeLanes(t.us, to: us + g)
            storeLanes(t.v, to: v + g)
            storeLanes(hat, to: b + g)
            var done = t.squeezed, open = t.open, rejected = .!t.squeezed .& .!t.open
            if let active {
                done = done .& active
                open = open .& active
                rejected = rejected .& active
            }
            storeLanes(loadLanes(counts + g, as: DoubleLanes.self).replacing(with: t.k, where: done), to: counts + g)
            let openBits = zero.replacing(with: one, where: open), rejectedBits = zero.replacing(with: one, where: rejected)
            for j in 0..<laneWidth {  // branch-free appends to both lists
                logEntries[tests] = Int64(g + j)
                tests &+= Int(truncatingIfNeeded: openBits[j])
                nextLanes[next] = Int64(g + j)
                nextTries[next] = 1
                next &+= Int(truncatingIfNeeded: rejectedBits[j])
            }
        }
        if allShort {
            for g in stride(from: 0, to: Self.pixels, by: laneWidth) { lanes(g, nil) }
        } else {
            for g in stride(from: 0, to: Self.pixels, by: laneWidth) {
                lanes(g, loadLanes(firstMode + g, as: IntLanes.self) .!= Self.inactive)
            }
        }
        return (tests, next)
    }

    /// The log tests of the try-0 list (entry = pixel): counts = k where accepted, else the pixel joins the
    /// next retry list (after `retries`) at try 1. Returns that list's length.
    mutating func testFirstTries(count tests: Int, retries: Int) -> Int {
        var next = retries
        guard tests > 0 else { return next }
        logTests(count: tests, entryLambda: lambda)
        for j in 0..<tests {
            let i = Int(truncatingIfNeeded: logEntries[j])
            let rejected = logRejected[j]
            counts[i] = rejected == 0 ? k[i] : counts[i]
            nextLanes[next] = Int64(i)
            nextTries[next] = 1
            next &+= Int(truncatingIfNeeded: rejected)
        }
        return next
    }

    /// Candidate and squeeze of retry entries 0..<count (rounded up to whole lane groups): mode short (words from
    /// the half a, or b if secondHalf), long (words A = a, B = b) or inactive; λ from lambda. Stores k, us,
    /// v, scale and route (done, logTest, retry; none if inactive).
    @inline(never)
    static func candidates(count: Int, lambda: UnsafePointer<Double>, mode: UnsafePointer<Int64>,
                           secondHalf: UnsafePointer<Int64>, a: UnsafePointer<UInt64>, b: UnsafePointer<UInt64>,
                           k: UnsafeMutablePointer<Double>, us: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>,
                           scale: UnsafeMutablePointer<Double>, route: UnsafeMutablePointer<Int64>) {
        let low = WordLanes(repeating: UInt64(PoissonPTRS.shortLow)), mask = WordLanes(repeating: 0xFFFF_FFFF)
        for g in stride(from: 0, to: count, by: laneWidth) {
            let m = loadLanes(mode + g, as: IntLanes.self)
            let active = m .!= inactive, isLong = m .== longPTRS
            let wordsA = loadLanes(a + g, as: WordLanes.self), wordsB = loadLanes(b + g, as: WordLanes.self)
            let h = wordsA.replacing(with: wordsB, where: loadLanes(secondHalf + g, as: IntLanes.self) .!= 0)
            let uHi = h &>> 32
            let uLo = low.replacing(with: wordsA & mask, where: isLong)
            let vHi = (h & mask).replacing(with: wordsB &>> 32, where: isLong)
            let vLo = low.replacing(with: wordsB & mask, where: isLong)
            let lam = DoubleLanes(repeating: PoissonNoise.inversionLimit).replacing(with: loadLanes(lambda + g), where: active)
            let hat = PoissonPTRS.scale(lambda: lam)
            let t = PoissonPTRS.candidate(lambda: lam, b: hat, uHi: uHi, uLo: uLo, vHi: vHi, vLo: vLo)
            storeLanes(t.k, to: k + g)
            storeLanes(t.us, to: us + g)
            storeLanes(t.v, to: v + g)
            storeLanes(hat, to: scale + g)
            let r = IntLanes(repeating: Route.retry).replacing(with: Route.logTest, where: t.open)
                .replacing(with: Route.done, where: t.squeezed).replacing(with: Route.none, where: .!active)
            storeLanes(r, to: route + g)
        }
    }

    /// One try of each listed entry (pixel lanes[i] at try tries[i], with entryLambda, mode, secondHalf
    /// and words wordsA, wordsB prepared), then routing: done → counts; logTest → the log-test list,
    /// tested, then counts or the next list; retry → the next list (after the `retries` already there).
    /// Returns the next list's length.
    mutating func tryList(count: Int, retries: Int) -> Int {
        Self.candidates(count: count, lambda: entryLambda, mode: mode, secondHalf: secondHalf, a: wordsA, b: wordsB,
                        k: k, us: us, v: v, scale: b, route: route)
        var next = retries, tests = 0
        for i in 0..<count {  // branch-free: the routes are coin flips to the branch predictor
            let pixel = Int(truncatingIfNeeded: lanes[i])
            let r = route[i]
            counts[pixel] = r == Route.done ? k[i] : counts[pixel]
            logEntries[tests] = Int64(i)
            tests &+= r == Route.logTest ? 1 : 0
            nextLanes[next] = Int64(pixel)
            nextTries[next] = tries[i] + 1
            next &+= r == Route.retry ? 1 : 0
        }
        guard tests > 0 else { return next }
        logTests(count: tests, entryLambda: entryLambda)
        for j in 0..<tests {
            let i = Int(truncatingIfNeeded: logEntries[j])
            let pixel = Int(truncatingIfNeeded: lanes[i])
            let rejected = logRejected[j]
            counts[pixel] = rejected == 0 ? k[i] : counts[pixel]
            nextLanes[next] = Int64(pixel)
            nextTries[next] = tries[i] + 1
            next &+= Int(truncatingIfNeeded: rejected)
        }
        return next
    }

    /// The log-density test of the listed entries, gathered into dense lanes: logRejected[j] = 1 if
    /// entry logEntries[j] fails.
    func logTests(count: Int, entryLambda: UnsafePointer<Double>) {
        for j in 0..<count {
            let i = Int(truncatingIfNeeded: logEntries[j])
            logLambda[j] = entryLambda[i]
            logB[j] = b[i]
            logK[j] = k[i]
            logUs[j] = us[i]
            logV[j] = v[i]
        }
        for j in count..<((count + laneWidth - 1) / laneWidth * laneWidth) {  // padding lanes: any valid open candidate
            logLambda[j] = PoissonNoise.inversionLimit
            logB[j] = PoissonPTRS.scale(lambda: PoissonNoise.inversionLimit)
            logK[j] = PoissonNoise.inversionLimit
            logUs[j] = 0.25
            logV[j] = 0.5
        }
        Self.accepts(count: count, lambda: logLambda, b: logB, k: logK, us: logUs, v: logV, rejected: logRejected)
    }

    @inline(never)
    static func accepts(count: Int, lambda: UnsafePointer<Double>, b: UnsafePointer<Double>, k: UnsafePointer<Double>,
                        us: UnsafePointer<Double>, v: UnsafePointer<Double>, rejected: UnsafeMutablePointer<Int64>) {
        let zero = IntLanes(repeating: 0), one = IntLanes(repeating: 1)
        for g in stride(from: 0, to: count, by: laneWidth) {
            let passed = PoissonPTRS.accepts(lambda: loadLanes(lambda + g), b: loadLanes(b + g), k: loadLanes(k + g),
                                             us: loadLanes(us + g), v: loadLanes(v + g))
            storeLanes(one.replacing(with: zero, where: passed), to: rejected + g)
        }
    }

    /// One pass over the retry list (lanes, tries): each entry's block from its own counter, then candidate,
    /// squeeze and log test as for try 0. Returns the next list's length (in nextLanes, nextTries).
    mutating func retryPass(_ philox: PhiloxLanes, first: Int, count: Int) -> Int {
        let padded = (count + 7) & ~7
        for i in 0..<padded {  // (NoiseCounter.poissonRetry, branch-free)
            let valid = i < count
            let pixel = valid ? Int(truncatingIfNeeded: lanes[i]) : 0, t = valid ? tries[i] : 1
            let pixelKind = uniformKind < 0 ? kind[pixel] : uniformKind
            let isLong = pixelKind == Self.longPTRS
            let tag = isLong ? 2 + t : 2 + ((t - 1) >> 1)
            counter[i] = UInt64(truncatingIfNeeded: tag << 24 | Int64(first + pixel))
            mode[i] = valid ? pixelKind : Self.inactive
            secondHalf[i] = isLong ? 0 : -((t - 1) & 1)
            entryLambda[i] = lambda[pixel]
        }
        philox.fill(counters: counter, count: padded, a: wordsA, b: wordsB)
        var next = tryList(count: count, retries: 0)
        var most: Int64 = 0
        for i in 0..<next { most = max(most, nextTries[i]) }
        guard most > NoiseCounter.maxLongTry else { return next }
        // A pixel may have used its every try (probability < 1e-150): it takes ⌊λ + ½⌋ and leaves.
        var kept = 0
        for i in 0..<next {
            let pixel = Int(truncatingIfNeeded: nextLanes[i])
            let pixelKind = uniformKind < 0 ? kind[pixel] : uniformKind
            let last = pixelKind == Self.longPTRS ? NoiseCounter.maxLongTry : NoiseCounter.maxShortTry
            if nextTries[i] > last {
                counts[pixel] = laneFloor(lambda[pixel] + 0.5)
            } else {
                nextLanes[kept] = nextLanes[i]
                nextTries[kept] = nextTries[i]
                kept += 1
            }
        }
        next = kept
        return next
    }
}
