/// The Philox counter layout of every noise draw: pixel p's numbers depend only on (random.key, p)
/// (p = the linear row-major index, so a pixel keeps its noise when the image grows or is cut).
///
/// A block is `random.block(c0)` = Philox(seed) of (c0, object | band << 16, stream, sample), so words
/// c1…c3 are the key's and only c0 is ours. c0 = tag << 24 | index, with index < 2^24 (4096² pixels).
/// A "half" of a block is its word pair (0, 1) or (2, 3).
///
/// | tag       | index | use                                                                           |
/// |-----------|-------|-------------------------------------------------------------------------------|
/// | 0         | q     | normals (Gaussian / read noise): block q = 32⌊p/128⌋ + p mod 32 gives 4       |
/// |           |       | normals; pixel p takes number j = ⌊(p mod 128)/32⌋ (`gaussianSlot`)           |
/// | 1         | q     | Poisson first draw: block q = 64⌊p/128⌋ + p mod 64, half h = ⌊(p mod 128)/64⌋  |
/// |           |       | (`poissonFirstSlot`). Inversion (λ < 12) reads the half as one 52-bit uniform; |
/// |           |       | PTRS with λ < 2^20 as try 0's U (first word) and V (second word), 32 bits each; |
/// |           |       | CCD split pixels (sky ≤ 65,536, 0 ≤ δ < 12, `PoissonBatch`) the first word for |
/// |           |       | Poisson(sky) by table inversion, the second as a 32-bit uniform for Poisson(δ) |
/// | 2 + i     | p     | Poisson retries of pixel p, i < 254 (`poissonRetry`). PTRS with λ < 2^20: try   |
/// |           |       | t ≥ 1 is half (t − 1) mod 2 of tag 2 + ⌊(t − 1)/2⌋ (tries 1…508). PTRS with     |
/// |           |       | λ ≥ 2^20: try t ≥ 0 is the whole block of tag 2 + t, U and V 52 bits each      |
/// |           |       | (tries 0…253; such a pixel never reads tag 1)                                  |
///
/// So a rejected Poisson try never draws from another pixel's counters (two pixels may share a tag-1
/// block, never a half), and the Gaussian and Poisson draws of one pixel never share a block. Whether
/// a pixel uses inversion, split, short or long PTRS tries depends on its own λ (δ and the band's sky)
/// only. A pixel's noise therefore does not depend on the image's size, its other pixels or the threads.
public enum NoiseCounter {
    /// Largest number of pixels a noise image may have (the index field is 24 bits).
    public static let maxPixels = 1 << 24
    /// Blocks per Gaussian chunk (the lane width of `GaussianNoise`).
    public static let gaussianChunkBlocks = 32
    /// Blocks per Poisson first-draw chunk: 2 × this many pixels share these blocks, one half each.
    public static let poissonChunkBlocks = 64
    /// Retry tags (2…255).
    public static let poissonRetryTags = 254
    /// Largest PTRS try number with 32-bit U and V (λ < `PoissonPTRS.longLambda`): two tries per retry block.
    public static let maxShortTry = 2 * poissonRetryTags
    /// Largest PTRS try number with 52-bit U and V (λ ≥ `PoissonPTRS.longLambda`): one try per retry block.
    public static let maxLongTry = poissonRetryTags - 1

    /// c0 of Gaussian block q.
    @inlinable
    public static func gaussian(block q: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: q)
    }

    /// The Gaussian block holding pixel p's normal and the normal's number j in it (0, 1: cos and sin of
    /// words (0, 1); 2, 3: of words (2, 3)).
    @inlinable
    public static func gaussianSlot(pixel p: Int) -> (block: Int, normal: Int) {
        let w = gaussianChunkBlocks
        return (w * (p / (4 * w)) + p % w, (p % (4 * w)) / w)
    }

    /// c0 of Poisson first-draw block q.
    @inlinable
    public static func poissonFirst(block q: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: 1 << 24 | q)
    }

    /// The first-draw block of pixel p and its half h (words 2h, 2h + 1).
    @inlinable
    public static func poissonFirstSlot(pixel p: Int) -> (block: Int, half: Int) {
        let w = poissonChunkBlocks
        return (w * (p / (2 * w)) + p % w, (p % (2 * w)) / w)
    }

    /// c0 of PTRS try t of pixel p and the half it reads (nil: the whole block). Short tries (32-bit U, V)
    /// need 1 ≤ t ≤ `maxShortTry`, long tries (52-bit) 0 ≤ t ≤ `maxLongTry`.
    @inlinable
    public static func poissonRetry(try t: Int, pixel p: Int, long: Bool) -> (c0: UInt32, half: Int?) {
        if long { return (UInt32(truncatingIfNeeded: (2 + t) << 24 | p), nil) }
        return (UInt32(truncatingIfNeeded: (2 + (t - 1) / 2) << 24 | p), (t - 1) % 2)
    }
}
