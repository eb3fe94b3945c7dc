import SkyScene

/// Eight lanes of 32-bit words, one per counter (stack storage the optimiser keeps in vector registers).
typealias Lanes8 = InlineArray<8, UInt32>

/// Philox4x32-10 for eight consecutive counters at once, bit-identical to `KeyedRandom.block`.
/// Written as straight-line lane loops of 32×32→64-bit products that the compiler vectorises
/// (FACTS.md: plain lane arithmetic beats stdlib SIMD types here).
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

    /// The four words of the blocks with counters (first + l, c1, c2, c3), l = 0…7, as lanes.
    /// Always inlined so the lanes stay in registers for the caller's lane loops.
    @inline(__always)
    func blocks(first: UInt32) -> (Lanes8, Lanes8, Lanes8, Lanes8) {
        var x0 = Lanes8(repeating: 0), x1 = Lanes8(repeating: c1)
        var x2 = Lanes8(repeating: c2), x3 = Lanes8(repeating: c3)
        for l in 0..<8 { x0[l] = first &+ UInt32(l) }
        var key0 = k0, key1 = k1
        for round in 0..<10 {
            if round > 0 {
                key0 &+= 0x9E37_79B9
                key1 &+= 0xBB67_AE85
            }
            for l in 0..<8 {
                let p0 = UInt64(0xD251_1F53) &* UInt64(x0[l])
                let p1 = UInt64(0xCD9E_8D57) &* UInt64(x2[l])
                x0[l] = UInt32(truncatingIfNeeded: p1 >> 32) ^ x1[l] ^ key0
                x1[l] = UInt32(truncatingIfNeeded: p1)
                x2[l] = UInt32(truncatingIfNeeded: p0 >> 32) ^ x3[l] ^ key1
                x3[l] = UInt32(truncatingIfNeeded: p0)
            }
        }
        return (x0, x1, x2, x3)
    }
}
