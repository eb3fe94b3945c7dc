/// Branch-free Double kernels for the Poisson sampler, inlined into lane loops and into the scalar
/// reference alike so both give identical bits. fdlibm/musl algorithms without their special-case
/// branches: each function states the inputs it is valid for.

/// A uniform Double in the open interval (0, 1) from two words: 52 bits, values (2m + 1) / 2^53.
@inline(__always)
func laneUnit52(_ hi: UInt32, _ lo: UInt32) -> Double {
    let mantissa = (UInt64(hi) << 20) | UInt64(lo >> 12)
    return (Double(bitPattern: 0x3FF0_0000_0000_0000 | mantissa) - 1) + 0x1p-53
}

/// 1.5 · 2^52: adding and subtracting it rounds a Double with |x| < 2^51 to the nearest integer.
@inline(__always)
var laneRoundingMagic: Double { 6_755_399_441_055_744 }

/// ⌊x⌋ for |x| < 2^51 (SSE2 has no vector floor; this is add/sub/compare only).
@inline(__always)
func laneFloor(_ x: Double) -> Double {
    let nearest = (x + laneRoundingMagic) - laneRoundingMagic
    return nearest > x ? nearest - 1 : nearest
}

/// √|x|, correctly rounded. Taking the magnitude lets LLVM prove the argument non-negative and emit
/// the sqrt instruction instead of libm's errno-setting call, which stops loops from vectorising (that
/// is what `Double.squareRoot()` on an arbitrary value becomes on Linux).
@inline(__always)
func laneSqrt(_ x: Double) -> Double {
    x.magnitude.squareRoot()
}

/// Natural log of a positive, normal, finite Double (musl's pre-2017 log: error < 1 ulp).
@inline(__always)
func laneLog(_ x: Double) -> Double {
    let bits = x.bitPattern
    var hx = UInt32(truncatingIfNeeded: bits >> 32) &+ (0x3FF0_0000 &- 0x3FE6_A09E)
    let k = Int32(bitPattern: hx >> 20) &- 0x3FF
    hx = (hx & 0x000F_FFFF) &+ 0x3FE6_A09E
    let f = Double(bitPattern: (UInt64(hx) << 32) | (bits & 0xFFFF_FFFF)) - 1
    let hfsq = 0.5 * f * f
    let s = f / (2 + f)
    let z = s * s, w = z * z
    let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
        + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let dk = Double(k)
    return s * (hfsq + t2 + t1) + dk * 1.90821492927058770002e-10 - hfsq + f + dk * 6.93147180369123816490e-01
}

/// e^x for -700 < x < 700 (fdlibm's reduction and rational approximation: error < 1 ulp).
@inline(__always)
func laneExp(_ x: Double) -> Double {
    let shifted = x * 1.44269504088896338700e+00 + laneRoundingMagic
    let kd = shifted - laneRoundingMagic
    let k = shifted.bitPattern &- laneRoundingMagic.bitPattern  // kd as a two's-complement integer
    let hi = x - kd * 6.93147180369123816490e-01
    let lo = kd * 1.90821492927058770002e-10
    let r = hi - lo
    let t = r * r
    let c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05
        + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))))
    let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
    return Double(bitPattern: y.bitPattern &+ (k << 52))
}

// MARK: the same kernels on explicit SIMD lanes (identical operations, so identical bits per lane)

/// Two Double lanes (one SSE2 register; measured faster here than 4 or 8 lanes).
typealias DoubleLanes = SIMD2<Double>
/// Two 64-bit integer lanes, the bit patterns of `DoubleLanes` or 32-bit words zero-extended.
typealias WordLanes = SIMD2<UInt64>
/// Two signed 64-bit lanes (flags, kinds).
typealias IntLanes = SIMD2<Int64>
/// A per-lane condition of `DoubleLanes`.
typealias LaneMask = SIMDMask<IntLanes>
/// Lanes per `DoubleLanes`.
let laneWidth = DoubleLanes.scalarCount

@inline(__always)
func laneBits(_ x: DoubleLanes) -> WordLanes { unsafeBitCast(x, to: WordLanes.self) }

@inline(__always)
func laneDoubles(_ bits: WordLanes) -> DoubleLanes { unsafeBitCast(bits, to: DoubleLanes.self) }

/// `laneUnit52` per lane; hi and lo are words (< 2^32).
@inline(__always)
func laneUnit52(_ hi: WordLanes, _ lo: WordLanes) -> DoubleLanes {
    let mantissa = (hi &<< 20) | (lo &>> 12)
    return (laneDoubles(WordLanes(repeating: 0x3FF0_0000_0000_0000) | mantissa) - 1) + 0x1p-53
}

/// |x| per lane (clears the sign bit).
@inline(__always)
func laneMagnitude(_ x: DoubleLanes) -> DoubleLanes {
    laneDoubles(laneBits(x) & WordLanes(repeating: 0x7FFF_FFFF_FFFF_FFFF))
}

/// `laneFloor` per lane (|x| < 2^51).
@inline(__always)
func laneFloor(_ x: DoubleLanes) -> DoubleLanes {
    let nearest = (x + laneRoundingMagic) - laneRoundingMagic
    return nearest.replacing(with: nearest - 1, where: nearest .> x)
}

/// `laneSqrt` per lane.
@inline(__always)
func laneSqrt(_ x: DoubleLanes) -> DoubleLanes {
    laneMagnitude(x).squareRoot()
}

/// `laneLog` per lane (positive, normal, finite x). The exponent k becomes a Double by the 2^52 trick,
/// exactly as Double(k) does in the scalar form.
@inline(__always)
func laneLog(_ x: DoubleLanes) -> DoubleLanes {
    let bits = laneBits(x)
    let shifted = (bits &>> 32) &+ WordLanes(repeating: 0x3FF0_0000 &- 0x3FE6_A09E)  // < 2^32 for such x
    let exponent = shifted &>> 20  // k + 0x3FF
    let hx = (shifted & WordLanes(repeating: 0x000F_FFFF)) &+ WordLanes(repeating: 0x3FE6_A09E)
    let f = laneDoubles((hx &<< 32) | (bits & WordLanes(repeating: 0xFFFF_FFFF))) - 1
    let hfsq = 0.5 * f * f
    let s = f / (2 + f)
    let z = s * s, w = z * z
    let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
        + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let dk = laneDoubles(exponent | WordLanes(repeating: 0x4330_0000_0000_0000)) - (0x1p52 + 1023)
    return s * (hfsq + t2 + t1) + dk * 1.90821492927058770002e-10 - hfsq + f + dk * 6.93147180369123816490e-01
}

/// `laneExp` per lane (the same operations; the exponent is added to the bits in wrapping 64-bit
/// arithmetic, as Int64 does in the scalar form).
@inline(__always)
func laneExp(_ x: DoubleLanes) -> DoubleLanes {
    let shifted = x * 1.44269504088896338700e+00 + laneRoundingMagic
    let kd = shifted - laneRoundingMagic
    let k = laneBits(shifted) &- WordLanes(repeating: laneRoundingMagic.bitPattern)
    let hi = x - kd * 6.93147180369123816490e-01
    let lo = kd * 1.90821492927058770002e-10
    let r = hi - lo
    let t = r * r
    let p5: DoubleLanes = -1.65339022054652515390e-06 + t * 4.13813679705723846039e-08
    let p4: DoubleLanes = 6.61375632143793436117e-05 + t * p5
    let p3: DoubleLanes = -2.77777777770155933842e-03 + t * p4
    let c: DoubleLanes = r - t * (1.66666666666666019037e-01 + t * p3)
    let y: DoubleLanes = 1 - ((lo - (r * c) / (2 - c)) - hi)
    return laneDoubles(laneBits(y) &+ (k &<< 52))
}
