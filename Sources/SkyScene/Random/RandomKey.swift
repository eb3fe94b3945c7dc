import Foundation

/// Where a random draw lives: (sample, stream, object, band, index) under the master seed; the draw depends on nothing else.
public struct RandomKey: Sendable, Hashable {
    /// Index of the sample (replicate) in the dataset.
    public var sample: UInt32
    /// Stream tag: a stable hash of the parameter's path, so a new parameter never moves existing draws.
    public var stream: UInt32
    /// Object index within the stamp (0 for per-sample draws).
    public var object: UInt16
    /// Band index (0 for draws shared by all bands).
    public var band: UInt16

    public init(sample: UInt32, stream: UInt32, object: UInt16 = 0, band: UInt16 = 0) {
        self.sample = sample
        self.stream = stream
        self.object = object
        self.band = band
    }

    /// A stream tag for a name: 32-bit FNV-1a of its UTF-8 bytes (stable across runs and platforms).
    public static func stream(_ name: String) -> UInt32 {
        stream(name, after: 0x811C_9DC5)
    }

    /// The stream tag of prefix + name, given the prefix's tag (FNV-1a goes on byte by byte, so a shared prefix is
    /// hashed once).
    public static func stream(_ name: String, after prefix: UInt32) -> UInt32 {
        var hash = prefix
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}

/// A source of uniform numbers for one key: word `i` is a pure function of (seed, key, i).
public struct KeyedRandom: Sendable {
    public let generator: Philox
    public let key: RandomKey

    public init(generator: Philox, key: RandomKey) {
        self.generator = generator
        self.key = key
    }

    /// Block `index` of this key's stream: four 32-bit words.
    @inlinable
    public func block(_ index: UInt32) -> (UInt32, UInt32, UInt32, UInt32) {
        generator.block(index, UInt32(key.object) | (UInt32(key.band) << 16), key.stream, key.sample)
    }

    /// The `index`-th uniform in (0, 1), with 53 random bits.
    @inlinable
    public func uniform(_ index: UInt32) -> Double {
        let b = block(index)
        return unitOpen53(b.0, b.1)
    }

    /// The `index`-th standard normal deviate (Box–Muller on one block).
    @inlinable
    public func normal(_ index: UInt32) -> Double {
        let b = block(index)
        let u1 = unitOpen53(b.0, b.1)
        let u2 = unitOpen53(b.2, b.3)
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }
}
