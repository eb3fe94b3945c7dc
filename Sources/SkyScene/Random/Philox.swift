/// Philox4x32-10 (Salmon et al. 2011): a counter-based generator; the output is a pure function of (key, counter).
public struct Philox: Sendable, Equatable {
    /// The 64-bit key, normally the scene's master seed.
    public let key: (UInt32, UInt32)

    /// A generator keyed by a 64-bit seed.
    public init(seed: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    public static func == (a: Philox, b: Philox) -> Bool { a.key == b.key }

    /// Four independent 32-bit words for one 128-bit counter.
    @inlinable
    public func block(_ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32) -> (UInt32, UInt32, UInt32, UInt32) {
        var x = (c0, c1, c2, c3)
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k.0 &+= 0x9E37_79B9
                k.1 &+= 0xBB67_AE85
            }
            let p0 = UInt64(0xD251_1F53) &* UInt64(x.0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(x.2)
            x = (UInt32(truncatingIfNeeded: p1 >> 32) ^ x.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                 UInt32(truncatingIfNeeded: p0 >> 32) ^ x.3 ^ k.1, UInt32(truncatingIfNeeded: p0))
        }
        return x
    }
}

/// Maps a 32-bit word to a uniform Double in the open interval (0, 1).
@inlinable
public func unitOpen(_ word: UInt32) -> Double {
    (Double(word) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// Maps two 32-bit words to a uniform Double strictly inside (0, 1) with 52 random bits
/// ((k + 0.5)/2^52 is exact for every 52-bit k, so neither 0 nor 1 can occur).
@inlinable
public func unitOpen53(_ hi: UInt32, _ lo: UInt32) -> Double {
    let bits = ((UInt64(hi) << 20) ^ UInt64(lo >> 12)) & ((1 << 52) - 1)
    return (Double(bits) + 0.5) * (1.0 / 4_503_599_627_370_496.0)
}
