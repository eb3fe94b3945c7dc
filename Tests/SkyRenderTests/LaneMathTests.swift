import Foundation
import XCTest
@testable import SkyRender

/// The branch-free kernels agree with libm to a few ulp over their ranges, and the vectorised loops over rays and
/// wavenumbers give the bits of the scalar evaluations.
final class LaneMathTests: XCTestCase {
    /// Relative difference in units of 2^-52 (an ulp of 1); 0 when both are 0.
    private func ulps(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / max(abs(b), .leastNormalMagnitude) / Double.ulpOfOne
    }

    /// Points spread over every reduction range, both signs, decades from 1e-300 to 1e300.
    private var arguments: [Double] {
        var values: [Double] = [0, -0.0, 0.4375, 0.6875, 1.1875, 2.4375, 1e-300, 1e300]
        for exponent in stride(from: -12.0, through: 12.0, by: 0.01) {
            let x = pow(10, exponent) * (1 + 0.37 * sin(exponent * 7))
            values += [x, -x]
        }
        for k in 0..<4000 { values.append(Double(k) / 1000 - 2) }  // dense over the thresholds
        return values
    }

    func testAtanMatchesLibm() {
        var worst = 0.0
        for x in arguments {
            worst = max(worst, ulps(laneAtan(x), atan(x)))
            XCTAssertEqual(laneAtan(x).sign, x.sign, "sign of arctan(\(x))")
        }
        XCTAssertLessThanOrEqual(worst, 2, "arctan worst error \(worst) ulp")
    }

    func testAtanhMatchesLibm() {
        var worst = 0.0
        for x in arguments where abs(x) < 1 {
            worst = max(worst, ulps(laneAtanh(x), atanh(x)))
        }
        for x in [0.999, 0.999999, 1 - 1e-12, -(1 - 1e-15)] { worst = max(worst, ulps(laneAtanh(x), atanh(x))) }
        XCTAssertLessThanOrEqual(worst, 4, "arctanh worst error \(worst) ulp")
    }

    func testLog1pMatchesLibm() {
        var worst = 0.0
        for x in arguments where x >= 0 && x < 1e300 { worst = max(worst, ulps(laneLog1p(x), log1p(x))) }
        XCTAssertLessThanOrEqual(worst, 4, "log1p worst error \(worst) ulp")
    }

    /// The single-precision exp of the wrap correction: within 2e-7 (relative) of libm over its whole range, and
    /// clamped beyond it (no infinities, no subnormals).
    func testFloatExpMatchesLibm() {
        var worst = 0.0
        for i in 0...200_000 {
            let x = Float(-86 + 173 * Double(i) / 200_000)
            worst = max(worst, abs(Double(laneExp(x)) / exp(Double(x)) - 1))
        }
        XCTAssertLessThanOrEqual(worst, 2e-7, "Float exp worst relative error \(worst)")
        XCTAssertEqual(laneExp(Float(-1000)), laneExp(Float(-86)))
        XCTAssertTrue(laneExp(Float(-86)).isNormal)
        XCTAssertEqual(laneExp(Float(500)), laneExp(Float(87)))
        XCTAssertTrue(laneExp(Float(87)).isFinite)
        XCTAssertEqual(laneExp(Float(0)), 1)
    }

    func testExpIsBoundedBelow() {
        XCTAssertEqual(laneExpClamped(-1e6), exp(-708), "e^x below e^-708 reads as e^-708")
        XCTAssertLessThanOrEqual(ulps(laneExpClamped(-707.9), exp(-707.9)), 1)
        XCTAssertLessThanOrEqual(ulps(laneExpClamped(3.25), exp(3.25)), 1)
    }

    /// The SIE through the ray loop: same bits as the scalar source(x:y:), and within 1e-13 of a libm evaluation.
    func testVectorisedSourcesEqualScalarAndLibm() {
        let lens = PreparedLens(LensModel(deflectors: [.sie(thetaE: 1.2, e1: 0.15, e2: -0.1, centerX: 0.05, centerY: -0.1),
                                                       .sis(thetaE: 0.3, centerX: 1, centerY: 0.5),
                                                       .pointMass(thetaE: 0.2, centerX: -1, centerY: 0.2)],
                                          shear: ExternalShear(gamma1: 0.03, gamma2: -0.02)))
        let count = 1001  // not a multiple of the vector width
        let x = (0..<count).map { -3 + 6 * Double($0) / Double(count - 1) }
        let y = (0..<count).map { 2.5 * sin(Double($0)) }
        var bx = [Double](repeating: 0, count: count), by = [Double](repeating: 0, count: count)
        lens.sources(atX: x, y: y, intoX: &bx, y: &by, count: count)
        let deflector = lens.deflectors[0]
        for i in 0..<count {
            let scalar = lens.source(x: x[i], y: y[i])
            XCTAssertEqual(bx[i].bitPattern, scalar.x.bitPattern, "ray \(i) β_x")
            XCTAssertEqual(by[i].bitPattern, scalar.y.bitPattern, "ray \(i) β_y")
            // The SIE alone against the same formula with libm's atan and atanh.
            let dx = x[i] - deflector.cx, dy = y[i] - deflector.cy
            let u = deflector.cosPhi * dx + deflector.sinPhi * dy, v = -deflector.sinPhi * dx + deflector.cosPhi * dy
            let psi = (deflector.q * deflector.q * u * u + v * v).squareRoot()
            let f = deflector.f
            let ax = deflector.scale * atan(f * u / psi) / f, ay = deflector.scale * atanh(f * v / psi) / f
            let reference = (deflector.cosPhi * ax - deflector.sinPhi * ay, deflector.sinPhi * ax + deflector.cosPhi * ay)
            let ours = deflector.deflection(x: x[i], y: y[i])
            XCTAssertEqual(ours.x, reference.0, accuracy: 1e-13 * deflector.scale, "SIE α_x at ray \(i)")
            XCTAssertEqual(ours.y, reference.1, accuracy: 1e-13 * deflector.scale, "SIE α_y at ray \(i)")
        }
    }

    /// Every Sérsic case through the loop: same bits as value(x:y:), and within 1e-13 of I(0)·e^(−b (r/r_e)^(1/n)) by libm.
    func testVectorisedSersicEqualsScalarAndLibm() {
        for n in [0.5, 1, 0.7, 2.3, 4, 6.5] {
            let light = PreparedSersic(SersicLight(n: n, halfLightRadius: 0.4, e1: 0.2, e2: 0.1, centerX: 0.1, centerY: -0.05))
            let count = 999
            let x = (0..<count).map { -2 + 4 * Double($0) / Double(count - 1) }
            let y = (0..<count).map { 1.5 * cos(Double($0) * 0.3) }
            var out = [Double](repeating: 0, count: count)
            light.values(atX: x, y: y, into: &out, count: count)
            for i in 0..<count {
                XCTAssertEqual(out[i].bitPattern, light.value(x: x[i], y: y[i]).bitPattern, "n = \(n), point \(i)")
                let dx = x[i] - light.cx, dy = y[i] - light.cy
                let u = light.m11 * dx + light.m12 * dy, v = light.m12 * dx + light.m22 * dy
                let reference = light.central * exp(-light.b * pow(u * u + v * v, 1 / (2 * n)))
                XCTAssertEqual(out[i], reference, accuracy: 1e-13 * light.central, "n = \(n), point \(i)")
            }
            XCTAssertEqual(light.value(x: light.cx, y: light.cy), light.central, accuracy: 1e-15 * light.central, "centre, n = \(n)")
        }
    }

    /// The Sérsic transform lookup through its vectorised loop: the bits of the scalar `fourier(kx:ky:)` in all three
    /// regimes (moment series at k = 0 and tiny k, table, power-law asymptote beyond it), and each regime near what it
    /// stands for: the series and the table within 3e-7 of the direct integral (as `SersicTransformTests`), the asymptote continuous with the
    /// table at q_max.
    func testVectorisedFourierLookupEqualsScalar() {
        for n in [0.5, 1.3, 4, 6] {
            let profile = SersicProfile(n: n, halfLightRadius: 0.8, g1: 0.25, g2: -0.1)
            let ky = 0.37
            // k_x from 0 through the table to far beyond q_max = 3000 r_e⁻¹, count not a multiple of the lanes
            let kx = [0, 1e-9, 1e-6] + (0..<58).map { pow(10, -3 + 7 * Double($0) / 57) }
            var out = [Double](repeating: .nan, count: kx.count)
            profile.fourier(kx: kx, ky: ky, into: &out, count: kx.count)
            for (i, k) in kx.enumerated() {
                XCTAssertEqual(out[i].bitPattern, profile.fourier(kx: k, ky: ky).bitPattern, "n = \(n), k_x = \(k)")
            }
            // Batches wholly inside the table take the interpolation-only loop; batches just inside and just beyond
            // q_max (on the k_x axis, q = k r_e) must still give the scalar bits (fails if the loop's limit is wrong).
            let round = SersicProfile(n: n, halfLightRadius: 0.8, g1: 0, g2: 0)  // q = k_x r_e on the axis
            let qMax = exp(SersicTransform.lnQMax), radius = round.halfLightRadius
            let inside = (0..<64).map { 0.05 * pow(1.1, Double($0)) }
            let justInside = (0..<64).map { qMax / radius * (1 - 1e-6 * pow(0.9, Double($0))) }
            let justBeyond = (0..<64).map { qMax / radius * (1 + 1e-12 * Double($0 + 1)) }
            for batch in [inside, justInside, justBeyond] {
                var values = [Double](repeating: .nan, count: batch.count)
                round.fourier(kx: batch, ky: 0, into: &values, count: batch.count)
                for (i, k) in batch.enumerated() {
                    XCTAssertEqual(values[i].bitPattern, round.fourier(kx: k, ky: 0).bitPattern, "n = \(n), k_x = \(k)")
                }
            }
            let transform = profile.transform
            for q in [0.0, 1e-5, 0.3, 2, 40] {
                XCTAssertEqual(transform.value(q), SersicTransform.exactValue(n: n, q: q), accuracy: 3e-7, "n = \(n), q = \(q)")
            }
            guard n >= 1 else { continue }  // n = ½ is a Gaussian: f(q_max) is integration noise around 0
            let below = transform.value(qMax * (1 - 1e-12)), above = transform.value(qMax * (1 + 1e-12))
            XCTAssertEqual(above, below, accuracy: 1e-6 * abs(below), "asymptote meets the table at q_max, n = \(n)")
            XCTAssertNotEqual(above, 0, "n = \(n): the asymptote is a power law, not 0")
        }
    }
}
