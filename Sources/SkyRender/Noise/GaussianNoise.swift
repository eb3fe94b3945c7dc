import SkyScene

/// Standard normal deviates per pixel by Box–Muller on Philox blocks (NoiseCounter tag 0).
/// Box–Muller, not ziggurat or polar: it has no rejection, so a fixed counter gives a fixed normal and
/// the lane code is straight-line: one block → 4 normals, 32 blocks (128 pixels) per chunk. Float
/// arithmetic with branch-free polynomial log/cos/sin (LaneMathFloat); the radius uses 31 bits, so
/// |n| ≤ 6.66 (P(|N| > 6.66) = 2.7e-11 is the only distortion).
public enum GaussianNoise {
    /// Philox blocks per chunk (a lane loop needs ≥ 16 iterations before LLVM vectorises it).
    static let chunkBlocks = NoiseCounter.gaussianChunkBlocks
    /// Pixels per chunk: 32 blocks × 4 normals.
    public static let chunkPixels = 4 * chunkBlocks

    /// Normals of pixels 128c…128c+127 into out[0..<128]. Pixel 128c + 32j + l comes from block
    /// 32c + l: j = 0, 1 are (cos, sin) of words (0, 1), j = 2, 3 of words (2, 3).
    @inline(__always)
    static func chunk(_ lanes: PhiloxLanes, index c: Int, into out: UnsafeMutablePointer<Float>) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * chunkBlocks) { buffer in
            let a = buffer.baseAddress!, b = a + chunkBlocks  // words (0, 1) and (2, 3) of each block
            lanes.fill(first: NoiseCounter.gaussian(block: chunkBlocks * c), count: chunkBlocks, a: a, b: b)
            boxMuller(a, out, out + chunkBlocks)
            boxMuller(b, out + 2 * chunkBlocks, out + 3 * chunkBlocks)
        }
    }

    /// (cos[l], sin[l]) = Box–Muller of (radius, angle) = (first, second) word of pair[l] (packed as
    /// first << 32 | second, `PhiloxLanes`) for l < 32: one straight-line lane loop.
    @inline(__always)
    static func boxMuller(_ pair: UnsafePointer<UInt64>, _ cos: UnsafeMutablePointer<Float>, _ sin: UnsafeMutablePointer<Float>) {
        #if _endian(little)
        // Read as 32-bit words (the second word first in memory), so the loop runs 8 floats wide with AVX2; on the
        // 64-bit pairs the compiler chose 4.
        let words = UnsafeRawPointer(pair).bindMemory(to: UInt32.self, capacity: 2 * chunkBlocks)
        for l in 0..<chunkBlocks {
            (cos[l], sin[l]) = laneBoxMuller(words[2 &* l &+ 1], words[2 &* l])
        }
        #else
        for l in 0..<chunkBlocks {
            (cos[l], sin[l]) = laneBoxMuller(UInt32(truncatingIfNeeded: pair[l] >> 32), UInt32(truncatingIfNeeded: pair[l]))
        }
        #endif
    }

    /// N(0, 1) deviates of pixels 0..<count; pixel p's value depends only on (random.key, p).
    public static func normals(count: Int, random: KeyedRandom) -> [Float] {
        precondition(count >= 0 && count <= NoiseCounter.maxPixels, "noise images hold at most 2^24 pixels")
        let lanes = PhiloxLanes(random)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: chunkPixels) { scratch in
                var start = 0
                while start < count {
                    let n = min(chunkPixels, count - start)
                    if n == chunkPixels {
                        chunk(lanes, index: start / chunkPixels, into: buffer.baseAddress! + start)
                    } else {
                        chunk(lanes, index: start / chunkPixels, into: scratch.baseAddress!)
                        (buffer.baseAddress! + start).update(from: scratch.baseAddress!, count: n)
                    }
                    start += n
                }
            }
            initialized = count
        }
    }

    /// The N(0, 1) deviate of pixel p, one block at a time (reference for the lane code; identical bits).
    public static func normal(pixel p: Int, random: KeyedRandom) -> Float {
        let (q, j) = NoiseCounter.gaussianSlot(pixel: p)
        let w = random.block(NoiseCounter.gaussian(block: q))
        let pair = j < 2 ? laneBoxMuller(w.0, w.1) : laneBoxMuller(w.2, w.3)
        return j & 1 == 0 ? pair.0 : pair.1
    }
}
