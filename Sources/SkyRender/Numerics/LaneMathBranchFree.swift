/// More branch-free Double kernels in the style of `laneLog`/`laneExp`, for the loops over rays (deflection, source
/// light) and over wavenumbers (Sérsic transform lookup): only operations that AVX2 and SSE2 have as vector
/// instructions, each correctly rounded, no libm calls and no branches, so such a loop vectorises and every build
/// gives the same bits. Each states the inputs it is valid for.

/// ln(1 + x) for finite x ≥ 0: ln u − ((u − 1) − x)/u with u = 1 + x, which corrects the rounding of u (error a few ulp).
@inline(__always)
func laneLog1p(_ x: Double) -> Double {
    let u = 1 + x
    return laneLog(u) - ((u - 1) - x) / u
}

/// arctanh x for |x| < 1: ½ ln(1 + 2|x|/(1 − |x|)) with the sign of x (error a few ulp).
@inline(__always)
func laneAtanh(_ x: Double) -> Double {
    let a = x.magnitude
    return laneCopySign(0.5 * laneLog1p((a + a) / (1 - a)), x)
}

/// arctan x for finite x (error ≈ 1 ulp). |x| is reduced to t ∈ [−7/16, 7/16] by
/// arctan|x| = arctan c + arctan((|x| − c)/(1 + c|x|)) with c = 0, ½, 1, 3/2 or ∞ chosen by |x| (thresholds 7/16,
/// 11/16, 19/16, 39/16), each written t = (a|x| − b)/(a + b|x|), c = b/a, so that one division serves every range;
/// then arctan t = t − t·z·P(z), z = t², P a degree-10 Chebyshev fit of (t − arctan t)/t³ on z ∈ [0, (7/16)²]
/// (fit error 1e-16 of P, 0.2 ulp of the result), and arctan c is added as a head and a tail (together to 2^-106).
@inline(__always)
func laneAtan(_ x: Double) -> Double {
    let m = x.magnitude
    let half = m >= 0.4375, one = m >= 0.6875, threeHalves = m >= 1.1875, infinite = m >= 2.4375
    let a: Double = infinite ? 0 : (half && !one ? 2 : 1)
    let b: Double = infinite ? 1 : (threeHalves ? 1.5 : (half ? 1 : 0))
    let head: Double = infinite ? 1.5707963267948966
        : (threeHalves ? 0.982793723247329 : (one ? 0.7853981633974483 : (half ? 0.4636476090008061 : 0)))
    let tail: Double = infinite ? 6.123233995736766e-17
        : (threeHalves ? 1.3903311031230998e-17 : (one ? 3.061616997868383e-17 : (half ? 2.2698777452961687e-17 : 0)))
    let t = (a * m - b) / (a + b * m)
    let z = t * t, w = z * z
    // P(z) split into its even and odd powers of z: two Horner chains in w = z² that run side by side.
    let e3 = 0.09090900195560148 + w * (0.06663239299107136 + w * (0.05033942776485848 + w * 0.017547235157290005))
    let even = 0.33333333333333326 + w * (0.1428571428314864 + w * e3)
    let o3 = -0.07692087348767168 + w * (-0.05847724720645106 + w * -0.03782521866106712)
    let odd = -0.1999999999998777 + w * (-0.11111110900560475 + w * o3)
    return laneCopySign(head - ((t * (z * even + w * odd) - tail) - t), x)
}

/// `magnitude` (≥ 0 or −0) with the sign of `sign`.
@inline(__always)
func laneCopySign(_ magnitude: Double, _ sign: Double) -> Double {
    Double(bitPattern: magnitude.bitPattern | (sign.bitPattern & 0x8000_0000_0000_0000))
}

/// e^max(x, −708) for x ≤ 700: `laneExp` kept in its range, so e^x below e^−708 ≈ 3.3e-308 reads as that.
@inline(__always)
func laneExpClamped(_ x: Double) -> Double {
    laneExp(x < -708 ? -708 : x)
}
