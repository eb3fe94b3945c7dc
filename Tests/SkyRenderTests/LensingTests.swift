import Foundation
import XCTest
@testable import SkyRender

final class LensingTests: XCTestCase {
    // MARK: Helpers

    private func sum(_ image: [Double]) -> Double { image.reduce(0, +) }

    /// Pixel-centre coordinates (arcsec) of pixel index p on a W×H stamp.
    private func center(_ p: Int, width: Int, height: Int, scale: Double) -> (x: Double, y: Double) {
        ((Double(p % width) - Double(width - 1) / 2) * scale, (Double(p / width) - Double(height - 1) / 2) * scale)
    }

    /// Flux-weighted first and second moments (arcsec, arcsec²) of an image.
    private func moments(_ image: [Double], width: Int, height: Int, scale: Double)
        -> (x: Double, y: Double, xx: Double, yy: Double, xy: Double) {
        var s = 0.0, sx = 0.0, sy = 0.0
        for (p, v) in image.enumerated() {
            let c = center(p, width: width, height: height, scale: scale)
            s += v; sx += v * c.x; sy += v * c.y
        }
        let mx = sx / s, my = sy / s
        var xx = 0.0, yy = 0.0, xy = 0.0
        for (p, v) in image.enumerated() {
            let c = center(p, width: width, height: height, scale: scale)
            xx += v * (c.x - mx) * (c.x - mx); yy += v * (c.y - my) * (c.y - my); xy += v * (c.x - mx) * (c.y - my)
        }
        return (mx, my, xx / s, yy / s, xy / s)
    }

    /// The total magnification of an extended source: ∫ S(β) μ(β) d²β / ∫ S d²β on a fine source-plane grid.
    private func sourceAveraged(_ source: SersicLight, extent: Double, _ mu: (Double, Double) -> Double) -> Double {
        let steps = 400
        let h = 2 * extent / Double(steps)
        var weighted = 0.0, total = 0.0
        for b in 0..<steps {
            for a in 0..<steps {
                let x = source.centerX - extent + (Double(a) + 0.5) * h
                let y = source.centerY - extent + (Double(b) + 0.5) * h
                let s = source.surfaceBrightness(x: x, y: y)
                weighted += s * mu(x, y); total += s
            }
        }
        return weighted / total
    }

    // MARK: Deflection

    /// An SIS with a small round source on its axis forms a ring whose azimuthally averaged peak lies at θ_E.
    func testSISRingRadiusIsEinsteinRadius() {
        let thetaE = 1.1, scale = 0.04, size = 90
        let lens = LensModel(deflectors: [.sis(thetaE: thetaE, centerX: 0, centerY: 0)])
        let image = RayShooter.lensedImage(lens: lens, source: SersicLight(n: 0.5, halfLightRadius: 0.05),
                                           width: size, height: size, pixelScale: scale, supersample: 4)
        let binWidth = 0.5 * scale
        var sums = [Double](repeating: 0, count: 200), counts = [Double](repeating: 0, count: 200)
        for (p, v) in image.enumerated() {
            let c = center(p, width: size, height: size, scale: scale)
            let bin = Int((c.x * c.x + c.y * c.y).squareRoot() / binWidth)
            if bin < sums.count { sums[bin] += v; counts[bin] += 1 }
        }
        let profile = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
        let peak = profile.indices.max { profile[$0] < profile[$1] }!
        // Log-parabola through the peak bin and its neighbours (exact for a Gaussian ring profile).
        let l0 = log(profile[peak - 1]), l1 = log(profile[peak]), l2 = log(profile[peak + 1])
        let shift = 0.5 * (l0 - l2) / (l0 - 2 * l1 + l2)
        let radius = (Double(peak) + 0.5 + shift) * binWidth
        XCTAssertEqual(radius, thetaE, accuracy: 0.1 * scale, "ring radius")
        XCTAssertFalse(image.contains { !$0.isFinite })
    }

    /// The SIE deflection tends to the SIS one as q → 1, smoothly and without loss of precision; e = 0 is the SIS.
    func testSIEReducesToSISAsAxisRatioTendsToOne() {
        let thetaE = 0.9, cx = 0.12, cy = -0.2
        let sis = Deflector.sis(thetaE: thetaE, centerX: cx, centerY: cy)
        for (e, bound) in [(0.0, 1e-15), (1e-14, 1e-13), (1e-10, 1e-9), (1e-6, 1e-5), (1e-4, 1e-3)] {
            for angle in [0.0, 0.7, 2.1] {
                let sie = Deflector.sie(thetaE: thetaE, e1: e * cos(angle), e2: e * sin(angle), centerX: cx, centerY: cy)
                for k in 0..<40 {
                    let r = 0.01 + 0.1 * Double(k), t = 0.37 * Double(k)
                    let x = cx + r * cos(t), y = cy + r * sin(t)
                    let a = sie.deflection(x: x, y: y), b = sis.deflection(x: x, y: y)
                    XCTAssertEqual(a.x, b.x, accuracy: bound * thetaE, "e=\(e) at (\(x), \(y))")
                    XCTAssertEqual(a.y, b.y, accuracy: bound * thetaE, "e=\(e) at (\(x), \(y))")
                }
            }
        }
        // The departure is first order in e and not zero: the tolerance above is meaningful.
        let a = Deflector.sie(thetaE: 1, e1: 1e-4, e2: 0, centerX: 0, centerY: 0).deflection(x: 0.5, y: 0.5)
        XCTAssertGreaterThan(abs(a.x - 0.5.squareRoot()), 1e-6)
    }

    /// ∇·α / 2 by central differences equals κ = θ_E / (2 √(q x'² + y'²/q)), and α is curl-free.
    func testSIEConvergenceFromDivergenceOfDeflection() {
        let thetaE = 1.3, e1 = 0.18, e2 = -0.11, cx = 0.2, cy = -0.1
        let sie = Deflector.sie(thetaE: thetaE, e1: e1, e2: e2, centerX: cx, centerY: cy)
        let e = (e1 * e1 + e2 * e2).squareRoot(), q = (1 - e) / (1 + e), phi = atan2(e2, e1) / 2
        let h = 1e-5
        for (x, y) in [(1.0, 0.3), (-0.7, 0.9), (0.25, -1.4), (2.2, 1.7), (0.3, 0.0), (-1.1, -0.6)] {
            let px = sie.deflection(x: x + h, y: y), mx = sie.deflection(x: x - h, y: y)
            let py = sie.deflection(x: x, y: y + h), my = sie.deflection(x: x, y: y - h)
            let kappa = 0.5 * ((px.x - mx.x) + (py.y - my.y)) / (2 * h)
            let u = cos(phi) * (x - cx) + sin(phi) * (y - cy), v = -sin(phi) * (x - cx) + cos(phi) * (y - cy)
            let expected = thetaE / (2 * (q * u * u + v * v / q).squareRoot())
            XCTAssertEqual(kappa, expected, accuracy: 1e-7 * expected, "κ at (\(x), \(y))")
            XCTAssertEqual((py.x - my.x) / (2 * h), (px.y - mx.y) / (2 * h), accuracy: 1e-7, "curl at (\(x), \(y))")
        }
    }

    /// Deflections agree with lenstronomy 1.14.2 `LensModel(['SIE']).alpha` (values computed once with it).
    func testSIEDeflectionMatchesLenstronomy() {
        let cases: [(Deflector, [(Double, Double, Double, Double)])] = [
            (.sie(thetaE: 1.2, e1: 0.15, e2: -0.08, centerX: 0.1, centerY: -0.05), [
                (0.7, -0.3, 1.0213506139148236, -0.47373274170773616),
                (-1.2, 0.45, -1.0358491363787228, 0.43753555331498356),
                (0.05, 1.6, 0.027456929508869354, 1.2495754940041608),
                (-0.4, -0.9, -0.5740344691306332, -1.1095511063253978),
                (2.5, 0.1, 1.1277979518722157, 0.15597964089992616),
            ]),
            (.sie(thetaE: 0.8, e1: -0.3, e2: 0.25, centerX: -0.2, centerY: 0.3), [
                (0.7, -0.3, 0.7544679062456553, -0.4084453958296015),
                (-1.2, 0.45, -0.8381772615837574, 0.1918035731029255),
                (0.05, 1.6, 0.043982252033532704, 0.6686509991317305),
                (-0.4, -0.9, -0.016070160903767033, -0.6736609899348998),
                (2.5, 0.1, 0.842687987937464, -0.1514523860748267),
            ]),
        ]
        for (deflector, points) in cases {
            for (x, y, ax, ay) in points {
                let a = deflector.deflection(x: x, y: y)
                XCTAssertEqual(a.x, ax, accuracy: 1e-9, "\(deflector) at (\(x), \(y))")
                XCTAssertEqual(a.y, ay, accuracy: 1e-9, "\(deflector) at (\(x), \(y))")
            }
        }
    }

    /// Shear: α_x = γ1 x + γ2 y, α_y = γ2 x − γ1 y; γ1 > 0 stretches a round source along x, γ2 > 0 along x = y.
    func testExternalShearFormulaAndSign() {
        let shear = ExternalShear(gamma1: 0.07, gamma2: -0.04)
        let lens = LensModel(deflectors: [], shear: shear)
        for (x, y) in [(1.0, 0.0), (0.0, 1.0), (-0.6, 1.3)] {
            let a = lens.deflection(x: x, y: y)
            XCTAssertEqual(a.x, 0.07 * x - 0.04 * y, accuracy: 1e-15)
            XCTAssertEqual(a.y, -0.04 * x - 0.07 * y, accuracy: 1e-15)
        }
        let size = 96, scale = 0.05, gamma = 0.1
        let source = SersicLight(n: 0.5, halfLightRadius: 0.4)
        let along = RayShooter.lensedImage(lens: LensModel(deflectors: [], shear: ExternalShear(gamma1: gamma, gamma2: 0)),
                                           source: source, width: size, height: size, pixelScale: scale, supersample: 2)
        let m1 = moments(along, width: size, height: size, scale: scale)
        XCTAssertEqual(m1.xx / m1.yy, pow((1 + gamma) / (1 - gamma), 2), accuracy: 1e-3, "γ1 > 0 elongates along x")
        XCTAssertEqual(sum(along), 1 / (1 - gamma * gamma), accuracy: 1e-5, "pure-shear magnification")
        let diagonal = RayShooter.lensedImage(lens: LensModel(deflectors: [], shear: ExternalShear(gamma1: 0, gamma2: gamma)),
                                              source: source, width: size, height: size, pixelScale: scale, supersample: 2)
        let m2 = moments(diagonal, width: size, height: size, scale: scale)
        XCTAssertEqual(m2.xy / m2.xx, 2 * gamma / (1 + gamma * gamma), accuracy: 1e-3, "γ2 > 0 elongates along x = y")
    }

    /// Deflections are finite and zero at the singular centres, also for a ray exactly on the centre.
    func testSingularCentresAreFinite() {
        let deflectors: [Deflector] = [.sis(thetaE: 1, centerX: 0, centerY: 0), .sie(thetaE: 1, e1: 0.2, e2: 0.1, centerX: 0, centerY: 0),
                                       .sie(thetaE: 1, e1: 1e-9, e2: 0, centerX: 0, centerY: 0), .pointMass(thetaE: 1, centerX: 0, centerY: 0)]
        for d in deflectors {
            let a = d.deflection(x: 0, y: 0)
            XCTAssertEqual(a.x, 0); XCTAssertEqual(a.y, 0)
            for tiny in [1e-300, .leastNonzeroMagnitude, 1e-160] {
                let b = d.deflection(x: tiny, y: -tiny)
                XCTAssertTrue(b.x.isFinite && b.y.isFinite, "\(d) at \(tiny)")
            }
            // Odd stamp and odd supersampling: one ray sits exactly on the centre.
            let image = RayShooter.lensedImage(lens: LensModel(deflectors: [d]), source: SersicLight(n: 1, halfLightRadius: 0.2),
                                               width: 33, height: 33, pixelScale: 0.1, supersample: 3)
            XCTAssertFalse(image.contains { !$0.isFinite }, "\(d)")
        }
    }

    // MARK: Magnification

    /// A small source at β < θ_E behind an SIS has total magnification 2θ_E/β.
    func testSISMagnificationOfSmallSource() {
        let thetaE = 1.0
        let source = SersicLight(n: 0.5, halfLightRadius: 0.03, centerX: 0.3, centerY: 0.15)
        let beta = (0.3 * 0.3 + 0.15 * 0.15).squareRoot()
        let lens = LensModel(deflectors: [.sis(thetaE: thetaE, centerX: 0, centerY: 0)])
        let flux = sum(RayShooter.lensedImage(lens: lens, source: source, width: 150, height: 150, pixelScale: 0.02, supersample: 4))
        XCTAssertEqual(flux, 2 * thetaE / beta, accuracy: 0.01 * 2 * thetaE / beta, "point-source magnification")
        let averaged = sourceAveraged(source, extent: 0.15) { x, y in 2 * thetaE / (x * x + y * y).squareRoot() }
        XCTAssertEqual(flux, averaged, accuracy: 1e-6 * averaged, "source-averaged magnification")
    }

    /// Point mass: total magnification (u² + 2)/(u √(u² + 4)) with u = β/θ_E.
    func testPointMassMagnificationOfSmallSource() {
        let thetaE = 1.0
        let source = SersicLight(n: 0.5, halfLightRadius: 0.03, centerX: 0.4, centerY: -0.3)
        let lens = LensModel(deflectors: [.pointMass(thetaE: thetaE, centerX: 0, centerY: 0)])
        let flux = sum(RayShooter.lensedImage(lens: lens, source: source, width: 160, height: 160, pixelScale: 0.02, supersample: 6))
        func mu(_ x: Double, _ y: Double) -> Double {
            let u = (x * x + y * y).squareRoot() / thetaE
            return (u * u + 2) / (u * (u * u + 4).squareRoot())
        }
        XCTAssertEqual(flux, mu(0.4, -0.3), accuracy: 0.01 * mu(0.4, -0.3), "point-source magnification")
        let averaged = sourceAveraged(source, extent: 0.15, mu)
        XCTAssertEqual(flux, averaged, accuracy: 1e-6 * averaged, "source-averaged magnification")
    }

    // MARK: Image counting

    /// SIS: two images inside the Einstein radius at θ_E ± β along β, one outside.
    func testImageCountSIS() {
        let lens = LensModel(deflectors: [.sis(thetaE: 1, centerX: 0, centerY: 0)])
        XCTAssertEqual(lens.imageCount(sourceX: 0.3, sourceY: 0.2, searchRadius: 3), 2)
        XCTAssertEqual(lens.imageCount(sourceX: 0.9, sourceY: 0.1, searchRadius: 3), 2)
        XCTAssertEqual(lens.imageCount(sourceX: 1.3, sourceY: 0.4, searchRadius: 3), 1)
        XCTAssertEqual(lens.imageCount(sourceX: -0.2, sourceY: -1.1, searchRadius: 3), 1)
        // Images on grid lines (y = 0) and cell diagonals (y = x) are hit by several triangles and must merge.
        XCTAssertEqual(lens.imageCount(sourceX: 0.3, sourceY: 0, searchRadius: 3), 2)
        XCTAssertEqual(lens.imageCount(sourceX: 0.3, sourceY: 0.3, searchRadius: 3), 2)
        XCTAssertEqual(lens.imageCount(sourceX: 1.2, sourceY: 1.2, searchRadius: 3), 1)
        let beta = (0.3 * 0.3 + 0.2 * 0.2).squareRoot()
        let radii = lens.imagePositions(sourceX: 0.3, sourceY: 0.2, searchRadius: 3)
            .map { ($0.x * 0.3 + $0.y * 0.2) / beta }.sorted()
        XCTAssertEqual(radii[0], beta - 1, accuracy: 1e-8)
        XCTAssertEqual(radii[1], beta + 1, accuracy: 1e-8)
    }

    /// SIE with a source near the centre: a quad; far away: one image; point mass: two.
    func testImageCountSIEAndPointMass() {
        let sie = LensModel(deflectors: [.sie(thetaE: 1, e1: 0.2, e2: 0.05, centerX: 0.05, centerY: -0.03)])
        XCTAssertEqual(sie.imageCount(sourceX: 0.08, sourceY: -0.01, searchRadius: 3), 4)
        XCTAssertEqual(sie.imageCount(sourceX: 2, sourceY: 1, searchRadius: 4), 1)
        let withShear = LensModel(deflectors: [.sie(thetaE: 1.2, e1: -0.1, e2: 0.15, centerX: 0, centerY: 0)],
                                  shear: ExternalShear(gamma1: 0.05, gamma2: -0.03))
        let quad = withShear.imagePositions(sourceX: 0.02, sourceY: 0.03, searchRadius: 3)
        XCTAssertEqual(quad.count, 4)
        for image in quad {
            let a = withShear.deflection(x: image.x, y: image.y)
            XCTAssertEqual(image.x - a.x, 0.02, accuracy: 1e-9)
            XCTAssertEqual(image.y - a.y, 0.03, accuracy: 1e-9)
        }
        // Near the major-axis cusp of a q = 0.47 SIE (image counts from lenstronomy's LensEquationSolver): three of
        // the four images crowd together inside the cusp; just outside it two remain.
        let cusp = LensModel(deflectors: [.sie(thetaE: 1, e1: 0.35, e2: 0.1, centerX: 0, centerY: 0)])
        XCTAssertEqual(cusp.imageCount(sourceX: 0.558, sourceY: 0.0781, searchRadius: 3), 4)
        XCTAssertEqual(cusp.imageCount(sourceX: 0.589, sourceY: 0.0825, searchRadius: 3), 4)
        XCTAssertEqual(cusp.imageCount(sourceX: 0.6509, sourceY: 0.0912, searchRadius: 3), 2)
        let point = LensModel(deflectors: [.pointMass(thetaE: 1, centerX: 0, centerY: 0)])
        XCTAssertEqual(point.imageCount(sourceX: 0.3, sourceY: -0.2, searchRadius: 3), 2)
        XCTAssertEqual(point.imageCount(sourceX: 1.5, sourceY: 0.5, searchRadius: 3), 2)
    }

    // MARK: Light

    /// SersicLight follows lenstronomy's SERSIC_ELLIPSE geometry (values from lenstronomy 1.14.2 with R_sersic and amp
    /// remapped to the exact b_n) and agrees with the package's SersicProfile for the same (n, r_e, g1, g2).
    func testSersicLightConventions() {
        let light = SersicLight(n: 1.5, halfLightRadius: 0.4, e1: 0.2, e2: -0.1, centerX: 0.1, centerY: 0.05)
        for (x, y, expected) in [(0.3, 0.05, 1.4369129287674114), (0.1, 0.35, 0.4992573213676078), (-0.2, -0.3, 0.2408012384770552),
                                 (0.5, -0.4, 0.20183942022963391), (0.11, 0.06, 4.623897642514998)] {
            XCTAssertEqual(light.surfaceBrightness(x: x, y: y), expected, accuracy: 1e-9 * expected, "(\(x), \(y))")
        }
        let profile = SersicProfile(n: 1.5, halfLightRadius: 0.4, g1: 0.2, g2: -0.1)
        for (x, y) in [(0.3, 0.05), (-0.4, 0.2), (0.0, -0.6)] {
            XCTAssertEqual(light.surfaceBrightness(x: x, y: y), profile.intensity(x: x - 0.1, y: y - 0.05),
                           accuracy: 1e-12 * profile.intensity(x: x - 0.1, y: y - 0.05))
        }
    }

    /// An unlensed Sérsic on a large stamp holds unit flux (less the tail outside) with its centroid at its centre.
    func testUnlensedSersicFluxAndCentroid() throws {
        let size = 200, scale = 0.05, half = 0.5 * Double(size) * scale
        for n in [0.5, 1, 2] {
            let light = SersicLight(n: n, halfLightRadius: 0.3, e1: 0.2, e2: 0.1, centerX: 0.13, centerY: -0.07)
            let image = RayShooter.unlensedImage(light: light, width: size, height: size, pixelScale: scale, supersample: 4)
            // Outside the box, the elliptical radius exceeds √q × (distance to the box edge from the centre).
            let e = (0.2 * 0.2 + 0.1 * 0.1).squareRoot(), q = (1 - e) / (1 + e)
            let rMin = q.squareRoot() * (half - 0.13) / 0.3
            let tail = 1 - (try GSL.gammaIncP(2 * n, sersicB(n) * pow(rMin, 1 / n)))
            let flux = sum(image)
            // Ray sampling overestimates the central cusp a little (1.4e-4 for n = 2 with 4×4 rays of 0.0125″).
            let sampling = n <= 1 ? 1e-5 : 3e-4
            XCTAssertLessThanOrEqual(flux, 1 + sampling, "n=\(n)")
            XCTAssertGreaterThanOrEqual(flux, 1 - tail - sampling, "n=\(n)")
            let m = moments(image, width: size, height: size, scale: scale)
            XCTAssertEqual(m.x, 0.13, accuracy: n <= 1 ? 1e-5 : 5e-4, "n=\(n)")
            XCTAssertEqual(m.y, -0.07, accuracy: n <= 1 ? 1e-5 : 5e-4, "n=\(n)")
        }
    }

    /// A lens of zero Einstein radius (and no shear) gives exactly the unlensed image.
    func testZeroEinsteinRadiusGivesUnlensedImage() {
        let light = SersicLight(n: 2.3, halfLightRadius: 0.25, e1: -0.1, e2: 0.3, centerX: -0.2, centerY: 0.1)
        let unlensed = RayShooter.unlensedImage(light: light, width: 40, height: 30, pixelScale: 0.07, supersample: 3)
        for deflector in [Deflector.sis(thetaE: 0, centerX: 0.1, centerY: 0), .sie(thetaE: 0, e1: 0.2, e2: -0.3, centerX: 0, centerY: 0.2),
                          .pointMass(thetaE: 0, centerX: 0, centerY: 0)] {
            let lensed = RayShooter.lensedImage(lens: LensModel(deflectors: [deflector]), source: light,
                                                width: 40, height: 30, pixelScale: 0.07, supersample: 3)
            XCTAssertEqual(lensed, unlensed, "\(deflector)")
        }
    }

    /// One deflection grid serves several sources; its rays sit where the pixel convention puts them.
    func testDeflectionGridReuseAndRayLayout() {
        let lens = LensModel(deflectors: [.sie(thetaE: 0.9, e1: 0.1, e2: 0.2, centerX: 0.05, centerY: 0)],
                             shear: ExternalShear(gamma1: 0.03, gamma2: 0.01))
        let grid = DeflectionGrid(lens: lens, width: 12, height: 10, pixelScale: 0.2, supersample: 3)
        XCTAssertEqual(grid.sources(row: 0).x.count, 12 * 9)
        for source in [SersicLight(n: 1, halfLightRadius: 0.2, centerX: 0.1), SersicLight(n: 3, halfLightRadius: 0.1, e1: 0.3, centerY: -0.1)] {
            XCTAssertEqual(grid.image(of: source),
                           RayShooter.lensedImage(lens: lens, source: source, width: 12, height: 10, pixelScale: 0.2, supersample: 3))
        }
        // Pixel (i, j) = (7, 2), sub-ray (l, k) = (2, 0): θ = ((7 − 5.5) + (0.5/3 − 0.5), (2 − 4.5) + (2.5/3 − 0.5)) × 0.2.
        let index = (7 * 3 + 2) * 3 + 0
        let x = (1.5 + 0.5 / 3 - 0.5) * 0.2, y = (-2.5 + 2.5 / 3 - 0.5) * 0.2
        let a = lens.deflection(x: x, y: y)
        let row = grid.sources(row: 2)
        XCTAssertEqual(row.x[index], x - a.x, accuracy: 1e-14)
        XCTAssertEqual(row.y[index], y - a.y, accuracy: 1e-14)
    }
}
