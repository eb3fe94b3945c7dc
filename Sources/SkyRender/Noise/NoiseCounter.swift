/// The Philox counter layout of every noise draw: pixel p's numbers depend only on (random.key, p)
/// (p = the linear row-major index, so a pixel keeps its noise when the image grows or is cut).
///
/// A block is `random.block(c0)` = Philox(seed) of (c0, object | band << 16, stream, sample), so words
/// c1…c3 are the key's and only c0 is ours. c0 = tag << 24 | index, with index < 2^24 (4096² pixels):
///
/// | tag             | index | use                                                                     |
/// |-----------------|-------|-------------------------------------------------------------------------|
/// | 0               | q     | normals (Gaussian / read noise): block q = 32⌊p/128⌋ + p mod 32 gives 4  |
/// |                 |       | normals; pixel p takes number j = ⌊(p mod 128)/32⌋ (`gaussianSlot`)      |
/// | 1 + r (r < 255) | p     | Poisson try r of pixel p: inversion uses r = 0 (words 0, 1) only; PTRS   |
/// |                 |       | uses one whole block per try and moves to the next tag after a rejection |
///
/// So a rejected Poisson try never draws from another pixel's counters, and the Gaussian and Poisson
/// draws of one pixel never share a block.
public enum NoiseCounter {
    /// Largest number of pixels a noise image may have (the index field is 24 bits).
    public static let maxPixels = 1 << 24
    /// Number of Poisson tries a pixel may use (tags 1…255).
    public static let maxPoissonAttempts = 255
    /// Blocks per Gaussian chunk (the lane width of `GaussianNoise`).
    public static let gaussianChunkBlocks = 32

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

    /// c0 of Poisson try r (0-based) for pixel p.
    @inlinable
    public static func poisson(attempt r: Int, pixel p: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: (1 + r) << 24 | p)
    }
}
