import Foundation
import SkyScene
import XCTest
@testable import SkyRender

/// Laws of the bulge + disk and spiral profiles over grids of parameters: flux conservation, centroid, 180°
/// symmetry, non-negativity, B/T recovered from the components, and the spiral reducing to its disk without arms.
final class GalaxyRenderingTests: XCTestCase {
    let renderer = SampleRenderer(seed: 11)

    static func component(n: Double, re: Double, q: Double = 1, beta: Double = 0) -> GalaxyComponentSpec {
        let s = Ellipticity.fromAxisRatio(q: q, betaDegrees: beta)
        return GalaxyComponentSpec(n: n, halfLightRadius: re, q: s.q, beta: s.beta, g1: s.g1, g2: s.g2)
    }

    static func sersic(_ c: GalaxyComponentSpec) -> ObjectShapeSpec {
        .sersic(n: c.n, halfLightRadius: c.halfLightRadius, q: c.q, beta: c.beta, g1: c.g1, g2: c.g2)
    }

    /// Two bands with different PSFs.
    let bands = [RenderCase.band(.moffat(beta: 3, fwhm: 0.8)), RenderCase.band(.gaussian(fwhm: 0.6))]

    func sample(_ objects: [(ObjectShapeSpec, Double, Double, [Double])], size: Int = 128) -> SampleSpec {
        SampleSpec(index: 0, split: .train, image: ImageGeometry(width: size, height: size, pixelScale: 0.2), bands: bands,
                   objects: objects.enumerated().map { i, o in
                       ObjectSpec(id: i + 1, group: 0, shape: o.0, offsetX: o.1, offsetY: o.2, flux: o.3,
                                  magnitude: o.3.map { _ in 0 })
                   })
    }

    func band(_ image: [Float], _ b: Int, size: Int = 128) -> ArraySlice<Float> {
        image[(b * size * size)..<((b + 1) * size * size)]
    }

    func sum(_ pixels: ArraySlice<Float>) -> Double { pixels.reduce(0.0) { $0 + Double($1) } }

    /// Light-weighted mean pixel position (x, y).
    func centroid(_ pixels: ArraySlice<Float>, size: Int = 128) -> (x: Double, y: Double) {
        var sx = 0.0, sy = 0.0, total = 0.0
        for (k, v) in pixels.enumerated() {
            let value = Double(v)
            sx += value * Double(k % size)
            sy += value * Double(k / size)
            total += value
        }
        return (sx / total, sy / total)
    }

    /// max |I(x, y) − I(W−1−x, H−1−y)| / peak: 0 for a profile symmetric under 180° rotation about the stamp centre.
    func asymmetry(_ pixels: ArraySlice<Float>, size: Int = 128) -> Double {
        let values = Array(pixels)
        let peak = Double(values.max()!)
        var worst = 0.0
        for y in 0..<size {
            for x in 0..<size {
                let a = Double(values[y * size + x]), b = Double(values[(size - 1 - y) * size + (size - 1 - x)])
                worst = max(worst, abs(a - b))
            }
        }
        return worst / peak
    }

    // MARK: bulge + disk

    /// A grid of bulge + disk galaxies that fit a 25.6″ stamp.
    var bulgeDiskGrid: [(GalaxySpec, Double, Double)] {
        var grid: [(GalaxySpec, Double, Double)] = []
        // Bulges whose light beyond 12.8″ is below 4e-5 of their flux (n = 4, r_e = 0.25″ would leave 5.5e-4 outside).
        for (bn, bre) in [(4.0, 0.1), (3.0, 0.25), (1.5, 0.2)] {
            for (dn, dre) in [(1.0, 1.2), (0.6, 0.8), (1.5, 0.6)] {
                for (bq, dq) in [(1.0, 1.0), (0.7, 0.35)] {
                    for fractions in [[0.3, 0.5], [0.0, 1.0], [0.12, 0.12]] {
                        let g = GalaxySpec(kind: .bulgeDisk, disk: Self.component(n: dn, re: dre, q: dq, beta: 25),
                                           bulge: Self.component(n: bn, re: bre, q: bq, beta: 110), bulgeFraction: fractions,
                                           arms: nil)
                        grid.append((g, 0.13 * Double(grid.count % 5) - 0.3, -0.07 * Double(grid.count % 7) + 0.2))
                    }
                }
            }
        }
        return grid
    }

    func testBulgeDiskConservesFluxCentroidAndIsNonNegative() {
        let flux = [1e5, 3e5]
        var worstFlux = 0.0, worstCentroid = 0.0
        defer { print("bulge+disk (\(bulgeDiskGrid.count)): largest |sum/flux - 1| \(worstFlux), centroid offset \(worstCentroid) px") }
        for (g, x, y) in bulgeDiskGrid {
            let image = renderer.renderSignal(sample([(.galaxy(g), x, y, flux)]))
            for b in 0..<2 {
                let pixels = band(image, b)
                XCTAssertEqual(sum(pixels), flux[b], accuracy: flux[b] * 1e-4, "flux of \(g) band \(b)")
                worstFlux = max(worstFlux, abs(sum(pixels) / flux[b] - 1))
                let c = centroid(pixels)
                XCTAssertEqual(c.x, 63.5 + x / 0.2, accuracy: 2e-3, "centroid x of \(g)")
                XCTAssertEqual(c.y, 63.5 + y / 0.2, accuracy: 2e-3, "centroid y of \(g)")
                worstCentroid = max(worstCentroid, abs(c.x - 63.5 - x / 0.2), abs(c.y - 63.5 - y / 0.2))
                let peak = Double(pixels.max()!)
                XCTAssertGreaterThanOrEqual(Double(pixels.min()!), -1e-5 * peak, "non-negative: \(g)")
            }
        }
    }

    func testBulgeDiskEqualsItsTwoSersicsAndRecoversBulgeFraction() {
        let flux = [2e5, 1e5]
        var worstRatio = 0.0, worstSeparate = 0.0
        defer { print("bulge+disk: largest |B/T recovered - B/T| \(worstRatio), separate components vs galaxy \(worstSeparate) of the peak") }
        for (g, x, y) in bulgeDiskGrid {
            let galaxy = renderer.renderSignal(sample([(.galaxy(g), x, y, flux)]))
            let bulgeFlux = g.bulgeFlux(flux), diskFlux = g.diskFlux(flux)
            // The same two Sérsics as objects of one sample: the same pixels bit for bit.
            let pair = renderer.renderSignal(sample([(Self.sersic(g.bulge!), x, y, bulgeFlux), (Self.sersic(g.disk), x, y, diskFlux)]
                .filter { $0.3.contains { $0 != 0 } }))
            XCTAssertEqual(galaxy, pair, "\(g)")
            // Rendered separately (each with its own FFT size) and summed: equal to float precision.
            let bulge = renderer.renderSignal(sample([(Self.sersic(g.bulge!), x, y, bulgeFlux)]))
            let disk = renderer.renderSignal(sample([(Self.sersic(g.disk), x, y, diskFlux)]))
            for b in 0..<2 {
                let peak = Double(band(galaxy, b).max()!)
                var worst = 0.0
                for i in band(galaxy, b).indices {
                    worst = max(worst, abs(Double(galaxy[i]) - Double(bulge[i]) - Double(disk[i])))
                }
                XCTAssertLessThan(worst, 2e-6 * peak, "separate components of \(g) band \(b)")
                // B/T recovered from the components' images.
                XCTAssertEqual(sum(band(bulge, b)) / sum(band(galaxy, b)), g.bulgeFraction[b], accuracy: 1e-4, "B/T of \(g)")
                worstRatio = max(worstRatio, abs(sum(band(bulge, b)) / sum(band(galaxy, b)) - g.bulgeFraction[b]))
                worstSeparate = max(worstSeparate, worst / peak)
            }
        }
    }

    func testBulgeDiskIsSymmetricUnderHalfTurn() {
        var worst = 0.0
        for (g, _, _) in bulgeDiskGrid.prefix(18) {
            let image = renderer.renderSignal(sample([(.galaxy(g), 0, 0, [1e5, 1e5])]))
            for b in 0..<2 {
                XCTAssertLessThan(asymmetry(band(image, b)), 2e-6, "\(g) band \(b)")
                worst = max(worst, asymmetry(band(image, b)))
            }
        }
        print("bulge+disk: largest half-turn asymmetry \(worst) of the peak")
    }

    // MARK: spirals

    static func spiral(disk: GalaxyComponentSpec, bulge: GalaxyComponentSpec? = nil, fraction: [Double] = [0, 0], arms: Int,
                       pitch: Double, width: Double, armFraction: Double, phase: Double = 0) -> GalaxySpec {
        GalaxySpec(kind: .spiral, disk: disk, bulge: bulge, bulgeFraction: fraction,
                   arms: SpiralArmsSpec(count: arms, pitch: pitch, width: width, fraction: armFraction, phase: phase, supersample: 4))
    }

    /// A grid of spirals that fit a 25.6″ stamp.
    var spiralGrid: [(GalaxySpec, Double, Double)] {
        var grid: [(GalaxySpec, Double, Double)] = []
        for (n, re) in [(1.0, 1.0), (0.7, 0.5), (1.3, 0.7)] {
            for arms in [1, 2, 3, 5] {
                for (pitch, width) in [(12.0, 0.2), (25.0, 0.5), (45.0, 0.1)] {
                    for q in [1.0, 0.4] {
                        let bulge = grid.count % 3 == 0 ? Self.component(n: 3, re: 0.2, q: 0.8, beta: 10) : nil
                        let g = Self.spiral(disk: Self.component(n: n, re: re, q: q, beta: 35), bulge: bulge,
                                            fraction: bulge == nil ? [0, 0] : [0.2, 0.35], arms: arms, pitch: pitch, width: width,
                                            armFraction: [1.0, 0.5, 0.8][grid.count % 3], phase: Double(grid.count * 37 % 360))
                        grid.append((g, 0.11 * Double(grid.count % 5) - 0.2, -0.05 * Double(grid.count % 7) + 0.15))
                    }
                }
            }
        }
        return grid
    }

    /// Flux within 1e-4, non-negative pixels, and for m ≥ 2 (m-fold symmetric: no dipole) the light centroid on the
    /// labelled position; one arm makes a lopsided galaxy whose centroid is off its centre.
    func testSpiralConservesFluxCentroidAndIsNonNegative() {
        let flux = [1e5, 3e5]
        var worstFlux = 0.0, worstCentroid = 0.0, worstNegative = 0.0
        for (g, x, y) in spiralGrid {
            let image = renderer.renderSignal(sample([(.galaxy(g), x, y, flux)]))
            for b in 0..<2 {
                let pixels = band(image, b)
                XCTAssertEqual(sum(pixels), flux[b], accuracy: flux[b] * 1e-4, "flux of \(g) band \(b)")
                worstFlux = max(worstFlux, abs(sum(pixels) / flux[b] - 1))
                let peak = Double(pixels.max()!)
                XCTAssertGreaterThanOrEqual(Double(pixels.min()!), -1e-5 * peak, "non-negative: \(g)")
                worstNegative = max(worstNegative, -Double(pixels.min()!) / peak)
                guard g.arms!.count >= 2 else { continue }
                let c = centroid(pixels)
                XCTAssertEqual(c.x, 63.5 + x / 0.2, accuracy: 2e-3, "centroid x of \(g) band \(b)")
                XCTAssertEqual(c.y, 63.5 + y / 0.2, accuracy: 2e-3, "centroid y of \(g) band \(b)")
                worstCentroid = max(worstCentroid, abs(c.x - 63.5 - x / 0.2), abs(c.y - 63.5 - y / 0.2))
            }
        }
        print("spirals (\(spiralGrid.count)): largest |sum/flux - 1| \(worstFlux), centroid offset \(worstCentroid) px (m ≥ 2), "
              + "most negative pixel \(worstNegative) of the peak")
    }

    /// The arm term integrates to zero over the plane (to 1e-5 of the disk flux) on the 4 × 4 sub-pixels the renderer
    /// uses by default.
    func testArmTermCarriesNoFlux() {
        let image = ImageGeometry(width: 512, height: 512, pixelScale: 0.05)
        var worst = 0.0
        for (g, x, y) in spiralGrid {
            let pattern = SpiralArmPattern(disk: g.disk, arms: g.arms!, centerX: x, centerY: y)
            let plane = SpiralArmPlane.render(pattern, image: image, margin: 0, pixelArea: 0.04)
            let total = plane.reduce(0, +)
            let moved = plane.reduce(0) { $0 + abs($1) }
            XCTAssertGreaterThan(moved, 0.02 * g.arms!.fraction, "the arms move light: \(g)")
            XCTAssertEqual(total, 0, accuracy: 1e-5, "arm term of \(g)")
            worst = max(worst, abs(total))
        }
        print("largest |arm term sum| / disk flux over \(spiralGrid.count) spirals: \(worst)")
    }

    /// The arm plane's cells against brute-force pixel integrals: midpoint grids of 48 × 48 and 96 × 96 points per
    /// pixel combined by Richardson extrapolation (their O(h²) errors cancel), away from the centre where brute force
    /// cannot resolve the winding.
    func testArmPlaneMatchesBruteForcePixelIntegrals() {
        let image = ImageGeometry(width: 32, height: 32, pixelScale: 0.2)
        for (width, pitch, q) in [(0.25, 20.0, 0.6), (0.5, 35.0, 1.0), (0.1, 15.0, 0.5)] {
            let g = Self.spiral(disk: Self.component(n: 1, re: 1.2, q: q, beta: 20), arms: 2, pitch: pitch, width: width, armFraction: 1)
            let pattern = SpiralArmPattern(disk: g.disk, arms: g.arms!, centerX: 0.05, centerY: -0.08)
            let plane = SpiralArmPlane.render(pattern, image: image, margin: 0, pixelArea: 0.04)
            let peak = 0.04 * pattern.disk(radius: 0)
            var worst = 0.0
            func midpoint(_ x: Double, _ y: Double, _ s: Int) -> Double {
                var total = 0.0
                for b in 0..<s {
                    for a in 0..<s {
                        total += pattern.armTerm(dx: x + (Double(a) + 0.5) / Double(s) * 0.2 - 0.1,
                                                 dy: y + (Double(b) + 0.5) / Double(s) * 0.2 - 0.1)
                    }
                }
                return total / Double(s * s) * 0.04
            }
            for j in stride(from: 0, to: 32, by: 2) {
                for i in stride(from: 1, to: 32, by: 2) {
                    let x = (Double(i) - 15.5) * 0.2 - 0.05, y = (Double(j) - 15.5) * 0.2 + 0.08
                    guard pattern.faceOnRadius(dx: x, dy: y) > 0.8 else { continue }
                    let reference = (4 * midpoint(x, y, 96) - midpoint(x, y, 48)) / 3
                    worst = max(worst, abs(reference - plane[j * 32 + i]))
                }
            }
            XCTAssertLessThan(worst, 1e-4 * peak, "w \(width) pitch \(pitch) q \(q)")
        }
    }

    /// S averages exactly 1 over θ at every radius, for every sharpness.
    func testArmProfileAveragesToOne() {
        for width in [0.05, 0.1, 0.25, 0.4, 0.5] {
            for arms in [1, 2, 4] {
                let g = Self.spiral(disk: Self.component(n: 1, re: 1), arms: arms, pitch: 20, width: width, armFraction: 1,
                                    phase: 33)
                let pattern = SpiralArmPattern(disk: g.disk, arms: g.arms!, centerX: 0, centerY: 0)
                for r in [0.05, 0.7, 2.3] {
                    let steps = 20_000
                    var mean = 0.0
                    for k in 0..<steps {
                        let theta = 2 * Double.pi * (Double(k) + 0.5) / Double(steps)
                        mean += pattern.modulation(u: r * cos(theta), v: r * sin(theta), radius: r)
                    }
                    XCTAssertEqual(mean / Double(steps), 1, accuracy: 1e-9, "w \(width) m \(arms) r \(r)")
                }
            }
        }
    }

    func testEvenArmedSpiralIsSymmetricUnderHalfTurnAndOddIsNot() {
        for arms in [2, 4] {
            for phase in [0.0, 73.0] {
                let g = Self.spiral(disk: Self.component(n: 1, re: 1.0, q: 0.5, beta: 30), bulge: Self.component(n: 4, re: 0.2),
                                    fraction: [0.2, 0.2], arms: arms, pitch: 18, width: 0.2, armFraction: 0.8, phase: phase)
                let image = renderer.renderSignal(sample([(.galaxy(g), 0, 0, [1e5, 1e5])]))
                for b in 0..<2 {
                    XCTAssertLessThan(asymmetry(band(image, b)), 2e-6, "m \(arms) phase \(phase) band \(b)")
                    print("spiral m \(arms) phase \(phase) band \(b): half-turn asymmetry \(asymmetry(band(image, b))) of the peak")
                }
            }
        }
        let odd = Self.spiral(disk: Self.component(n: 1, re: 1.0), arms: 3, pitch: 18, width: 0.2, armFraction: 0.8)
        let image = renderer.renderSignal(sample([(.galaxy(odd), 0, 0, [1e5, 1e5])]))
        XCTAssertGreaterThan(asymmetry(band(image, 0)), 1e-2, "three arms are not symmetric under a half turn")
    }

    func testSpiralWithoutArmLightEqualsItsDisk() {
        let disk = Self.component(n: 1, re: 0.9, q: 0.6, beta: 40)
        let bulge = Self.component(n: 3.5, re: 0.25, q: 0.9, beta: 100)
        let flux = [1e5, 2e5]
        let plain = Self.spiral(disk: disk, arms: 2, pitch: 20, width: 0.3, armFraction: 0)
        XCTAssertEqual(renderer.renderSignal(sample([(.galaxy(plain), 0.3, -0.2, flux)])),
                       renderer.renderSignal(sample([(Self.sersic(disk), 0.3, -0.2, flux)])))
        let withBulge = Self.spiral(disk: disk, bulge: bulge, fraction: [0.3, 0.1], arms: 3, pitch: 30, width: 0.2, armFraction: 0)
        let bulgeDisk = GalaxySpec(kind: .bulgeDisk, disk: disk, bulge: bulge, bulgeFraction: [0.3, 0.1], arms: nil)
        XCTAssertEqual(renderer.renderSignal(sample([(.galaxy(withBulge), 0.3, -0.2, flux)])),
                       renderer.renderSignal(sample([(.galaxy(bulgeDisk), 0.3, -0.2, flux)])))
    }

    /// B/T of a spiral: the bulge's own image over the galaxy's, per band.
    func testSpiralBulgeFractionIsRecovered() {
        let disk = Self.component(n: 1, re: 1.1, q: 0.7, beta: 40)
        let bulge = Self.component(n: 3, re: 0.3, q: 0.9, beta: 100)
        let g = Self.spiral(disk: disk, bulge: bulge, fraction: [0.15, 0.4], arms: 2, pitch: 22, width: 0.3, armFraction: 0.7)
        let flux = [1e5, 2e5]
        let galaxy = renderer.renderSignal(sample([(.galaxy(g), 0.1, 0.1, flux)]))
        let bulgeOnly = renderer.renderSignal(sample([(Self.sersic(bulge), 0.1, 0.1, g.bulgeFlux(flux))]))
        for b in 0..<2 {
            XCTAssertEqual(sum(band(bulgeOnly, b)) / sum(band(galaxy, b)), g.bulgeFraction[b], accuracy: 1e-4)
        }
    }
}
