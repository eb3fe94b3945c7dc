/// Branch-free Float kernels for Box–Muller, meant to be inlined into lane loops: they use only integer
/// and float operations that SSE2 has as vector instructions, so a lane loop of them vectorises (libm
/// calls do not). Scalar callers get bit-identical results.

/// Natural log of a positive, normal Float (musl's logf reduction and polynomial; error ≤ 1 ulp).
@inline(__always)
func laneLog(_ x: Float) -> Float {
    var ix = x.bitPattern &+ (0x3F80_0000 &- 0x3F35_04F3)
    let k = Int32(bitPattern: ix >> 23) &- 0x7F
    ix = (ix & 0x007F_FFFF) &+ 0x3F35_04F3
    let f = Float(bitPattern: ix) - 1
    let s = f / (2 + f)
    let z = s * s, w = z * z
    let t1 = w * (0.400_009_72 + w * 0.242_790_79)
    let t2 = z * (0.666_666_63 + w * 0.284_987_87)
    let hfsq = 0.5 * f * f
    let dk = Float(k)
    return s * (hfsq + t1 + t2) + dk * 9.058_000_614_5e-6 - hfsq + f + dk * 6.931_381_225_6e-1
}

/// (cos 2πt, sin 2πt) for the angle t = word / 2^32 turns: quarter-turn reduction by integer bits,
/// Cephes polynomials on [-π/4, π/4) (error ~1e-7), rotation by the quadrant with bit masks.
@inline(__always)
func laneCosSinTurn(_ word: UInt32) -> (cos: Float, sin: Float) {
    let shifted = word &+ 0x2000_0000
    let quadrant = shifted >> 30
    let rest = Int32(bitPattern: shifted & 0x3FFF_FFFF) &- 0x2000_0000
    let x = Float(rest) * (2 * Float.pi / 4_294_967_296)
    let z = x * x
    let s = x + x * z * (-1.666_665_461_1e-1 + z * (8.332_160_873_6e-3 + z * -1.951_529_589_1e-4))
    let c = 1 - 0.5 * z + z * z * (4.166_664_568_298_827e-2 + z * (-1.388_731_625_493_765e-3 + z * 2.443_315_711_809_948e-5))
    let swap = 0 &- (quadrant & 1)
    let cosBits = ((c.bitPattern & ~swap) | (s.bitPattern & swap)) ^ (((quadrant &+ 1) & 2) << 30)
    let sinBits = ((s.bitPattern & ~swap) | (c.bitPattern & swap)) ^ ((quadrant & 2) << 30)
    return (Float(bitPattern: cosBits), Float(bitPattern: sinBits))
}

/// Two normals from two words by Box–Muller: radius from `a` (31 bits, so |n| ≤ 6.66), angle from `b` (32 bits).
@inline(__always)
func laneBoxMuller(_ a: UInt32, _ b: UInt32) -> (Float, Float) {
    let u = (Float(Int32(bitPattern: a >> 1)) + 0.5) * (1 / 2_147_483_648)
    let minus2Log = -2 * laneLog(u)
    let r = (minus2Log > 0 ? minus2Log : 0).squareRoot()
    let (c, s) = laneCosSinTurn(b)
    return (r * c, r * s)
}

/// e^x in single precision for x clamped to [−86, 87] (e^−86 ≈ 4e-38 stays normal), relative error ≤ 2e-7:
/// x = n ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split so n · hi is exact), e^r = 1 + r + r²P(r) with P a degree-4
/// least-squares fit on Chebyshev nodes (made for this file), 2^n added to the exponent bits. No division, so a loop
/// of it vectorises 8 wide.
@inline(__always)
func laneExp(_ x: Float) -> Float {
    let clamped = x < -86 ? -86 : (x > 87 ? 87 : x)
    let magic: Float = 12_582_912  // 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    let r = (clamped - n * 0.693_359_375) - n * -2.121_944_4e-4
    let p = 0.500_000_001_4 + r * (0.166_665_77 + r * (0.041_666_465 + r * (0.008_363_175_6 + r * 0.001_393_365_7)))
    let value = 1 + r + r * r * p
    return Float(bitPattern: value.bitPattern &+ ((shifted.bitPattern &- magic.bitPattern) << 23))
}
