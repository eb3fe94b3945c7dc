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
            let p0 = (a &>> 32) &* Words8(repeating: 0xD251_1F53)
            let p1 = (b &>> 32) &* Words8(repeating: 0xCD9E_8D57)
            a = p1 ^ (a &<< 32) ^ Words8(repeating: key0)
            b = p0 ^ (b &<< 32) ^ Words8(repeating: key1)
        }
        return (a, b)
    }
}

extension PhiloxLanes {
    /// Blocks first…first+count−1 (count a multiple of 8) packed into a[0..<count], b[0..<count].
    @inline(never)
    func fill(first: UInt32, count: Int, a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>) {
        for group in stride(from: 0, to: count, by: 8) {
            let block = packed(first: first &+ UInt32(truncatingIfNeeded: group))
            storeLanes(block.a, to: a + group)
            storeLanes(block.b, to: b + group)
        }
    }

    /// Blocks with counters c0[0..<count] (count a multiple of 8, each c0 < 2^32) packed into
    /// a[0..<count], b[0..<count].
    @inline(never)
    func fill(counters c0: UnsafePointer<UInt64>, count: Int, a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>) {
        for group in stride(from: 0, to: count, by: 8) {
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
