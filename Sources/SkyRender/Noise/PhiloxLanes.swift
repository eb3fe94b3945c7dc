import SkyScene

/// Eight Philox blocks' halves: lane l holds two 32-bit words of block l, the first in the high half.
typealias Words8 = SIMD8<UInt64>

/// Philox4x32-10 for eight counters at once, bit-identical to `KeyedRandom.block`.
///
/// Packed layout: a block (x0, x1, x2, x3) is held as two 64-bit lanes A = x0 << 32 | x1 and
/// B = x2 << 32 | x3. Philox's round (x0, x1, x2, x3) → (hi(M1·x2) ^ x1 ^ k0, lo(M1·x2), hi(M0·x0) ^ x3
/// ^ k1, lo(M0·x0)) is then, per lane and with no shuffling between lanes,
///   A' = (B >> 32) · M1  ^  A << 32  ^  k0 << 32,    B' = (A >> 32) · M0  ^  B << 32  ^  k1 << 32,
/// because the 64-bit product is exactly hi << 32 | lo. With SSE2 that is one `pmuludq`, two shifts and
/// two xors per lane pair and half-round: measured 2–2.5× faster than what LLVM made of the 4×32-bit
/// lane layout (which must split and re-pack even and odd products). (A form with a 32-bit rotation
/// instead of the shifts was scalarised by LLVM: Swift's SIMD shifts are element loops that InstCombine
/// turns into scalar rotates before the SLP vectoriser sees them.)
struct PhiloxLanes: Sendable {
    let k0: UInt32, k1: UInt32
    let c1: UInt32, c2: UInt32, c3: UInt32

    @inline(__always)
    init(_ random: KeyedRandom) {
        (k0, k1) = random.generator.key
        c1 = UInt32(random.key.object) | (UInt32(random.key.band) << 16)
        c2 = random.key.stream
        c3 = random.key.sample
    }

    /// The blocks with counters (first + l, c1, c2, c3), l = 0…7, packed as (A, B) (see the type).
    @inline(__always)
    func packed(first: UInt32) -> (a: Words8, b: Words8) {
        let c0 = Words8(repeating: UInt64(first)) &+ Words8(0, 1, 2, 3, 4, 5, 6, 7)
        return packed(counters: c0 & Words8(repeating: 0xFFFF_FFFF))
    }

    /// The blocks with counters (c0[l], c1, c2, c3) for eight arbitrary c0 (each < 2^32), packed as (A, B).
    @inline(__always)
    func packed(counters c0: Words8) -> (a: Words8, b: Words8) {
        var a = (c0 &<< 32) | Words8(repeating: UInt64(c1))
        var b = Words8(repeating: UInt64(c2) << 32 | UInt64(c3))
        var key0 = UInt64(k0) << 32, key1 = UInt64(k1) << 32
        for round in 0..<10 {
            if round > 0 {
                key0 &+= 0x9E37_79B9 << 32
                key1 &+= 0xBB67_AE85 << 32
            }
            PhiloxLanes.round(&a, &b, keyA: Words8(repeating: key0), keyB: Words8(repeating: key1))
        }
        return (a, b)
    }

    /// One Philox round on packed lanes (see the type); keyA, keyB hold the round's k0, k1 in each lane's high half.
    @inline(__always)
    static func round(_ a: inout Words8, _ b: inout Words8, keyA: Words8, keyB: Words8) {
        let p0 = (a &>> 32) &* Words8(repeating: 0xD251_1F53)
        let p1 = (b &>> 32) &* Words8(repeating: 0xCD9E_8D57)
        a = p1 ^ (a &<< 32) ^ keyA
        b = p0 ^ (b &<< 32) ^ keyB
    }
}

extension PhiloxLanes {
    /// The blocks of four groups of eight counters (each < 2^32), as `packed(counters:)`, stored packed at
    /// a + 8j, b + 8j for group j. The four chains of rounds are independent, so one group's multiplies
    /// overlap the others' latency: with AVX-512 a group is one register and alone waits on each multiply.
    @inline(__always)
    func storeFour(_ c0: (Words8, Words8, Words8, Words8), a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>) {
        let high = Words8(repeating: UInt64(c1)), low = Words8(repeating: UInt64(c2) << 32 | UInt64(c3))
        var a0 = (c0.0 &<< 32) | high, a1 = (c0.1 &<< 32) | high, a2 = (c0.2 &<< 32) | high, a3 = (c0.3 &<< 32) | high
        var b0 = low, b1 = low, b2 = low, b3 = low
        var key0 = UInt64(k0) << 32, key1 = UInt64(k1) << 32
        for round in 0..<10 {
            if round > 0 {
                key0 &+= 0x9E37_79B9 << 32
                key1 &+= 0xBB67_AE85 << 32
            }
            let keyA = Words8(repeating: key0), keyB = Words8(repeating: key1)
            PhiloxLanes.round(&a0, &b0, keyA: keyA, keyB: keyB)
            PhiloxLanes.round(&a1, &b1, keyA: keyA, keyB: keyB)
            PhiloxLanes.round(&a2, &b2, keyA: keyA, keyB: keyB)
            PhiloxLanes.round(&a3, &b3, keyA: keyA, keyB: keyB)
        }
        storeLanes(a0, to: a)
        storeLanes(a1, to: a + 8)
        storeLanes(a2, to: a + 16)
        storeLanes(a3, to: a + 24)
        storeLanes(b0, to: b)
        storeLanes(b1, to: b + 8)
        storeLanes(b2, to: b + 16)
        storeLanes(b3, to: b + 24)
    }

    /// Whether `fill` runs 32 blocks per pass (`storeFour`) before the groups of 8: only in the AVX-512 build
    /// (`scripts/release-build`), where a group of 8 is one register and waits on each multiply alone
    /// (noise-64 ~0.8× the time). With AVX2 a group is two registers, already two chains (no change
    /// measured); baseline x86-64 has too few registers for four groups (1.1× slower). Same bits either way.
    #if SKYSYNTH_BUILD_ZNVER4
    static let runsFourGroups = true
    #else
    static let runsFourGroups = false
    #endif

    /// Blocks first…first+count−1 (count a multiple of 8) packed into a[0..<count], b[0..<count]:
    /// 32 at a time (`storeFour`, if `runsFourGroups`), then 8 at a time.
    @inline(never)
    func fill(first: UInt32, count: Int, a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>) {
        let four = Self.runsFourGroups ? count / 32 * 32 : 0, mask = Words8(repeating: 0xFFFF_FFFF)
        for group in stride(from: 0, to: four, by: 32) {
            let c = Words8(repeating: UInt64(first &+ UInt32(truncatingIfNeeded: group))) &+ Words8(0, 1, 2, 3, 4, 5, 6, 7)
            storeFour((c & mask, (c &+ 8) & mask, (c &+ 16) & mask, (c &+ 24) & mask), a: a + group, b: b + group)
        }
        for group in stride(from: four, to: count, by: 8) {
            let block = packed(first: first &+ UInt32(truncatingIfNeeded: group))
            storeLanes(block.a, to: a + group)
            storeLanes(block.b, to: b + group)
        }
    }

    /// Blocks with counters c0[0..<count] (count a multiple of 8, each c0 < 2^32) packed into
    /// a[0..<count], b[0..<count]: 32 at a time (`storeFour`, if `runsFourGroups`), then 8 at a time.
    @inline(never)
    func fill(counters c0: UnsafePointer<UInt64>, count: Int, a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>) {
        let four = Self.runsFourGroups ? count / 32 * 32 : 0
        for group in stride(from: 0, to: four, by: 32) {
            let c = c0 + group
            storeFour((loadLanes(c), loadLanes(c + 8), loadLanes(c + 16), loadLanes(c + 24)), a: a + group, b: b + group)
        }
        for group in stride(from: four, to: count, by: 8) {
            let block = packed(counters: loadLanes(c0 + group))
            storeLanes(block.a, to: a + group)
            storeLanes(block.b, to: b + group)
        }
    }
}

/// Stores V.scalarCount lanes at p (unaligned).
@inline(__always)
func storeLanes<V: SIMD>(_ v: V, to p: UnsafeMutablePointer<V.Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
}

/// Loads V.scalarCount lanes from p (unaligned).
@inline(__always)
func loadLanes<V: SIMD>(_ p: UnsafePointer<V.Scalar>, as _: V.Type = V.self) -> V {
    UnsafeRawPointer(p).loadUnaligned(as: V.self)
}
