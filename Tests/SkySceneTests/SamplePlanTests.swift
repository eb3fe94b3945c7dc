import Foundation
import XCTest
@testable import SkyScene

/// Sample i is a pure function of (scene, seed, i), and its numbers follow the scene's laws.
final class SamplePlanTests: XCTestCase {
    func quickstartPlan() throws -> SamplePlan {
        SamplePlan(scene: try Fixture.quickstart())
    }

    // MARK: determinism

    func testSampleIsIdenticalWhenComputedTwice() throws {
        let plan = try quickstartPlan()
        for i in [0, 1, 17, 999] {
            XCTAssertEqual(plan.sample(i), plan.sample(i), "sample \(i)")
            XCTAssertEqual(plan.sample(i).canonicalJSON(), plan.sample(i).canonicalJSON(), "sample \(i)")
        }
        // A second plan for the same scene.
        let again = try quickstartPlan()
        XCTAssertEqual(plan.sample(5), again.sample(5))
    }

    func testSampleDoesNotDependOnOrder() throws {
        let forward = try quickstartPlan()
        let expected = (0..<300).map(forward.sample)
        let other = try quickstartPlan()
        var shuffled = Array(0..<300)
        var state: UInt64 = 12345
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {   // a fixed Fisher–Yates permutation
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            shuffled.swapAt(i, Int(state >> 33) % (i + 1))
        }
        for i in shuffled {
            XCTAssertEqual(other.sample(i), expected[i], "sample \(i) in shuffled order")
        }
        for i in (0..<300).reversed() {
            XCTAssertEqual(other.sample(i), expected[i], "sample \(i) in reverse order")
        }
    }

    func testSampleDoesNotDependOnCount() throws {
        let scene = try Fixture.quickstart()
        var larger = scene
        larger.count = scene.count * 50
        let small = SamplePlan(scene: scene), big = SamplePlan(scene: larger)
        XCTAssertEqual(big.count, 50_000)
        for i in [0, 1, 2, 500, 998, 999] {
            XCTAssertEqual(small.sample(i), big.sample(i), "sample \(i)")
        }
    }

    func testSamplesRunConcurrentlyGiveTheSerialResult() throws {
        let plan = try quickstartPlan()
        let serial = (0..<200).map(plan.sample)
        let results = ConcurrentResults(count: 200)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            results.set(i, plan.sample(199 - i).canonicalJSON())
        }
        XCTAssertEqual(results.values.reversed(), serial.map { $0.canonicalJSON() })
    }

    func testDifferentSeedsGiveDifferentSamples() throws {
        let scene = try Fixture.quickstart()
        var reseeded = scene
        reseeded.seed = scene.seed + 1
        let a = SamplePlan(scene: scene), b = SamplePlan(scene: reseeded)
        var differing = 0
        for i in 0..<100 {
            let x = a.sample(i), y = b.sample(i)
            XCTAssertEqual(x.index, y.index)
            if x.objects[0] != y.objects[0] { differing += 1 }
            XCTAssertNotEqual(sersic(x.objects[0])?.n, sersic(y.objects[0])?.n, "sample \(i): n must change with the seed")
        }
        XCTAssertEqual(differing, 100)
    }

    func testDifferentSamplesDiffer() throws {
        let plan = try quickstartPlan()
        let ns = (0..<500).compactMap { sersic(plan.sample($0).objects[0])?.n }
        XCTAssertEqual(ns.count, 500)
        XCTAssertEqual(Set(ns).count, 500)
    }

    func testAddingAGroupDoesNotMoveExistingDraws() throws {
        let scene = try Fixture.quickstart()
        var extended = scene
        extended.objects.append(ObjectGroup(kind: .star(StarDescription(
            offset: OffsetDescription(x: .normal(mean: 0, sigma: 1), y: .normal(mean: 0, sigma: 1)),
            brightness: Brightness(isMagnitude: true, bands: scene.bands.map {
                BandBrightness(band: $0.name, value: .uniform(low: 18, high: 19), relativeTo: nil)
            }))), count: .constant(1)))
        let a = SamplePlan(scene: scene), b = SamplePlan(scene: extended)
        for i in 0..<200 {
            let x = a.sample(i), y = b.sample(i)
            XCTAssertEqual(y.split, x.split)
            XCTAssertEqual(y.objects.count, x.objects.count + 1)
            XCTAssertEqual(Array(y.objects.prefix(x.objects.count)), x.objects, "sample \(i)")
            XCTAssertEqual(y.objects.last?.group, 2)
        }
    }

    // MARK: structure

    func testSampleStructure() throws {
        let scene = try Fixture.quickstart()
        let plan = SamplePlan(scene: scene)
        for i in 0..<500 {
            let s = plan.sample(i)
            XCTAssertEqual(s.index, i)
            XCTAssertEqual(s.image, scene.image)
            XCTAssertEqual(s.bands.map(\.name), ["g", "r", "i"])
            XCTAssertEqual(s.objects.map(\.id), Array(1...s.objects.count), "ids are 1-based and consecutive")
            XCTAssertTrue(s.objects.count == 1 || s.objects.count == 2, "one galaxy and at most one star")
            XCTAssertEqual(s.objects[0].group, 0)
            XCTAssertEqual(s.objects[0].shape.kindName, "sersic")
            if s.objects.count == 2 {
                XCTAssertEqual(s.objects[1].group, 1)
                XCTAssertEqual(s.objects[1].shape, .star)
                XCTAssertTrue((-5...5).contains(s.objects[1].offsetX) && (-5...5).contains(s.objects[1].offsetY))
            }
            for object in s.objects {
                XCTAssertEqual(object.flux.count, 3)
                XCTAssertEqual(object.magnitude.count, 3)
            }
        }
    }

    func testBandSpecsCarryTheSceneBands() throws {
        let scene = try Fixture.quickstart()
        let bands = SamplePlan(scene: scene).sample(3).bands
        for (spec, band) in zip(bands, scene.bands) {
            XCTAssertEqual(spec.zeroPoint, band.zeroPoint)
            XCTAssertEqual(spec.exposureTime, band.exposureTime)
            XCTAssertEqual(spec.psf, band.psf)
            XCTAssertEqual(spec.noise, band.noise)
            XCTAssertEqual(spec.gain, band.gain)
            XCTAssertEqual(spec.subtractSky, band.subtractSky)
            guard case .magnitude(let sky) = band.sky else { return XCTFail("quickstart skies are in mag/arcsec²") }
            // electrons per pixel = t · 10^(−0.4 (μ − zp)) · (pixel scale)²
            let expected = band.exposureTime * pow(10, -0.4 * (sky - band.zeroPoint)) * 0.2 * 0.2
            XCTAssertEqual(spec.skyElectrons, expected, accuracy: 1e-9 * expected, band.name)
        }
        // g: 90 s · 10^(0.4 · 6) · 0.04 arcsec² = 90 · 251.18864 · 0.04 = 904.2791 e⁻.
        XCTAssertEqual(bands[0].skyElectrons, 904.2791, accuracy: 1e-3)
    }

    // MARK: laws

    func testSplitFractions() throws {
        let scene = try Fixture.quickstart()
        let plan = SamplePlan(scene: scene)
        let n = 10_000
        var counts: [Split: Int] = [:]
        for i in 0..<n { counts[plan.sample(i).split, default: 0] += 1 }
        let expected: [Split: Double] = [.train: scene.splits.train, .validation: scene.splits.validation, .test: scene.splits.test]
        for split in Split.allCases {
            let p = expected[split]!
            assertWithinSigma(Double(counts[split] ?? 0) / Double(n), p, sigma: (p * (1 - p) / Double(n)).squareRoot(),
                              "\(split) fraction")
        }
        XCTAssertEqual(Split.allCases.map(\.code), [0, 1, 2])
    }

    func testSplitOnlyTrainWhenTrainIsOne() throws {
        var scene = try Fixture.quickstart()
        scene.splits = Splits(train: 1, validation: 0, test: 0)
        let plan = SamplePlan(scene: scene)
        XCTAssertTrue((0..<2000).allSatisfy { plan.sample($0).split == .train })
    }

    func testFluxFollowsZeroPointAndExposure() throws {
        let scene = try Fixture.quickstart()
        let plan = SamplePlan(scene: scene)
        var checked = 0
        for i in 0..<500 {
            for object in plan.sample(i).objects {
                for (b, band) in scene.bands.enumerated() {
                    let expected = band.exposureTime * pow(10, -0.4 * (object.magnitude[b] - band.zeroPoint))
                    XCTAssertEqual(object.flux[b], expected, accuracy: 1e-12 * expected, "sample \(i) band \(band.name)")
                    XCTAssertGreaterThan(object.flux[b], 0)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1500)
    }

    func testMagnitudeAtTheZeroPointGivesExposureElectrons() throws {
        // m = zp ⇒ 1 e⁻/s ⇒ flux = t; m = zp + 2.5 ⇒ flux = t / 10.
        var scene = try Fixture.quickstart()
        scene.objects = [ObjectGroup(kind: .star(StarDescription(
            offset: OffsetDescription(x: .constant(0), y: .constant(0)),
            brightness: Brightness(isMagnitude: true, bands: [
                BandBrightness(band: "g", value: .constant(28.3), relativeTo: nil),
                BandBrightness(band: "r", value: .constant(28.1 + 2.5), relativeTo: nil),
                BandBrightness(band: "i", value: .constant(-2.5), relativeTo: "r"),
            ]))), count: .constant(1))]
        let star = SamplePlan(scene: scene).sample(0).objects[0]
        XCTAssertEqual(star.flux[0], 90, accuracy: 1e-9)
        XCTAssertEqual(star.flux[1], 9, accuracy: 1e-9)
        XCTAssertEqual(star.magnitude[2], 28.1, accuracy: 1e-12)
        XCTAssertEqual(star.flux[2], 90 * pow(10, -0.4 * (28.1 - 27.7)), accuracy: 1e-9)
    }

    func testFluxInElectronsGivesMagnitudes() throws {
        var scene = try Fixture.quickstart()
        scene.objects = [ObjectGroup(kind: .star(StarDescription(
            offset: OffsetDescription(x: .constant(0), y: .constant(0)),
            brightness: Brightness(isMagnitude: false, bands: scene.bands.map {
                BandBrightness(band: $0.name, value: .logUniform(low: 100, high: 1e5), relativeTo: nil)
            }))), count: .constant(1))]
        let plan = SamplePlan(scene: scene)
        for i in 0..<200 {
            let star = plan.sample(i).objects[0]
            for (b, band) in scene.bands.enumerated() {
                XCTAssertTrue((100...1e5).contains(star.flux[b]))
                XCTAssertEqual(star.magnitude[b], band.zeroPoint - 2.5 * log10(star.flux[b] / band.exposureTime), accuracy: 1e-12)
            }
        }
    }

    func testRelativeMagnitudesFollowTheColourDistributions() throws {
        let plan = try quickstartPlan()
        let n = 10_000
        var r: [Double] = [], gr: [Double] = [], ir: [Double] = []
        for i in 0..<n {
            let galaxy = plan.sample(i).objects[0]
            r.append(galaxy.magnitude[1])
            gr.append(galaxy.magnitude[0] - galaxy.magnitude[1])
            ir.append(galaxy.magnitude[2] - galaxy.magnitude[1])
        }
        let N = Double(n)
        XCTAssertTrue(r.allSatisfy { (19...22).contains($0) })
        assertWithinSigma(Moments(r).mean, 20.5, sigma: (0.75 / N).squareRoot(), "mean r")
        let g = Moments(gr)
        assertWithinSigma(g.mean, 0.6, sigma: 0.2 / N.squareRoot(), "mean g − r")
        assertWithinSigma(g.variance, 0.04, sigma: 0.04 * (2 / N).squareRoot(), "variance of g − r")
        let iMoments = Moments(ir)
        assertWithinSigma(iMoments.mean, -0.3, sigma: 0.1 / N.squareRoot(), "mean i − r")
        assertWithinSigma(iMoments.variance, 0.01, sigma: 0.01 * (2 / N).squareRoot(), "variance of i − r")
        // The colour is drawn independently of r.
        let correlation = zip(r, gr).map { ($0 - 20.5) * ($1 - g.mean) }.reduce(0, +) / N / (0.75.squareRoot() * 0.2)
        assertWithinSigma(correlation, 0, sigma: 1 / N.squareRoot(), "corr(r, g − r)")
    }

    func testChainedRelativeMagnitudes() throws {
        var scene = try Fixture.quickstart()
        // i relative to g relative to r, written out of order.
        scene.objects = [ObjectGroup(kind: .star(StarDescription(
            offset: OffsetDescription(x: .constant(0), y: .constant(0)),
            brightness: Brightness(isMagnitude: true, bands: [
                BandBrightness(band: "g", value: .constant(0.5), relativeTo: "r"),
                BandBrightness(band: "r", value: .uniform(low: 20, high: 21), relativeTo: nil),
                BandBrightness(band: "i", value: .constant(-1.25), relativeTo: "g"),
            ]))), count: .constant(1))]
        let plan = SamplePlan(scene: scene)
        for i in 0..<50 {
            let m = plan.sample(i).objects[0].magnitude
            XCTAssertTrue((20...21).contains(m[1]))
            XCTAssertEqual(m[0], m[1] + 0.5, accuracy: 1e-12)
            XCTAssertEqual(m[2], m[1] + 0.5 - 1.25, accuracy: 1e-12)
        }
    }

    func testStarMagnitudeIsTheSameInEveryBand() throws {
        // quickstart.yaml: `magnitude: {uniform: [20, 23]}   # same in every band` (README: "one value/distribution
        // for every band"): one drawn magnitude, shared by g, r and i.
        let plan = try quickstartPlan()
        var stars = 0
        var differing: [(Int, [Double])] = []
        for i in 0..<300 {
            for star in plan.sample(i).objects where star.shape == .star {
                stars += 1
                XCTAssertTrue(star.magnitude.allSatisfy { (20...23).contains($0) })
                if Set(star.magnitude).count != 1 { differing.append((i, star.magnitude)) }
            }
        }
        XCTAssertGreaterThan(stars, 50)
        XCTAssertTrue(differing.isEmpty,
                      "\(differing.count) of \(stars) stars have different g, r, i magnitudes, e.g. sample \(differing.first?.0 ?? -1): \(differing.first?.1 ?? [])")
    }

    func testStarCountFollowsItsChoice() throws {
        let plan = try quickstartPlan()
        let n = 10_000
        let withStar = (0..<n).filter { i in plan.sample(i).objects.contains { $0.shape == .star } }.count
        assertWithinSigma(Double(withStar) / Double(n), 0.3, sigma: (0.21 / Double(n)).squareRoot(), "stamps with a star")
    }

    func testOtherCountDistributions() throws {
        var scene = try Fixture.quickstart()
        func star() -> ObjectKind {
            .star(StarDescription(offset: OffsetDescription(x: .uniform(low: -1, high: 1), y: .uniform(low: -1, high: 1)),
                                  brightness: Brightness(isMagnitude: true, bands: scene.bands.map {
                                      BandBrightness(band: $0.name, value: .constant(21), relativeTo: nil)
                                  })))
        }
        scene.objects = [ObjectGroup(kind: star(), count: .uniformInt(low: 0, high: 3)),
                         ObjectGroup(kind: star(), count: .poisson(mean: 1.5)),
                         ObjectGroup(kind: star(), count: .constant(2))]
        let plan = SamplePlan(scene: scene)
        let n = 8000
        var uniformCounts = [Int](repeating: 0, count: 4)
        var poisson: [Double] = []
        for i in 0..<n {
            let objects = plan.sample(i).objects
            let perGroup = (0..<3).map { g in objects.filter { $0.group == g }.count }
            XCTAssertTrue((0...3).contains(perGroup[0]))
            uniformCounts[perGroup[0]] += 1
            poisson.append(Double(perGroup[1]))
            XCTAssertEqual(perGroup[2], 2)
            XCTAssertEqual(objects.map(\.group), objects.map(\.group).sorted(), "groups in scene order")
            if perGroup[2] == 2, let a = objects.last, let b = objects.dropLast().last {
                XCTAssertNotEqual(a.offsetX, b.offsetX, "two members of a group are drawn independently")
            }
        }
        for (k, c) in uniformCounts.enumerated() {
            assertWithinSigma(Double(c) / Double(n), 0.25, sigma: (0.25 * 0.75 / Double(n)).squareRoot(), "uniform_int count \(k)")
        }
        let m = Moments(poisson)
        assertWithinSigma(m.mean, 1.5, sigma: (1.5 / Double(n)).squareRoot(), "Poisson mean")
        assertWithinSigma(m.variance, 1.5, sigma: m.varianceError, "Poisson variance")
        let zeros = Double(poisson.filter { $0 == 0 }.count) / Double(n)
        assertWithinSigma(zeros, exp(-1.5), sigma: (exp(-1.5) * (1 - exp(-1.5)) / Double(n)).squareRoot(), "P(0)")
    }

    func testSersicParametersFollowTheScene() throws {
        let plan = try quickstartPlan()
        var ns: [Double] = [], radii: [Double] = [], offsets: [Double] = []
        for i in 0..<5000 {
            let object = plan.sample(i).objects[0]
            guard let s = sersic(object) else { return XCTFail("sample \(i): no Sérsic galaxy first") }
            XCTAssertTrue((0.5...4).contains(s.n))
            XCTAssertTrue((0.3...1).contains(s.q))
            XCTAssertTrue(s.beta >= 0 && s.beta < 180)
            let g = (1 - s.q) / (1 + s.q)
            XCTAssertEqual(s.g1, g * cos(2 * s.beta * .pi / 180), accuracy: 1e-12)
            XCTAssertEqual(s.g2, g * sin(2 * s.beta * .pi / 180), accuracy: 1e-12)
            XCTAssertTrue((-1...1).contains(object.offsetX) && (-1...1).contains(object.offsetY))
            ns.append(s.n)
            radii.append(s.halfLightRadius)
            offsets.append(object.offsetX)
        }
        assertWithinSigma(Moments(ns).mean, 2.25, sigma: (3.5 * 3.5 / 12 / 5000).squareRoot(), "mean n")
        let below = Double(radii.filter { $0 < 0.6 }.count) / 5000
        assertWithinSigma(below, 0.5, sigma: (0.25 / 5000).squareRoot(), "radii below the median 0.6")
        assertWithinSigma(Moments(offsets).mean, 0, sigma: 0.3 / 5000.0.squareRoot(), "mean offset x")
    }

    func testShearShapes() throws {
        var scene = try Fixture.quickstart()
        guard case .sersic(var galaxy) = scene.objects[0].kind else { return XCTFail("no Sérsic group") }
        galaxy.shape = .shear(g1: .uniform(low: -0.4, high: 0.4), g2: .uniform(low: -0.4, high: 0.4))
        scene.objects[0].kind = .sersic(galaxy)
        let plan = SamplePlan(scene: scene)
        for i in 0..<300 {
            guard let s = sersic(plan.sample(i).objects[0]) else { return XCTFail("no Sérsic galaxy") }
            XCTAssertTrue((-0.4...0.4).contains(s.g1) && (-0.4...0.4).contains(s.g2))
            let g = (s.g1 * s.g1 + s.g2 * s.g2).squareRoot()
            XCTAssertEqual(s.q, (1 - g) / (1 + g), accuracy: 1e-12)
            XCTAssertTrue(s.beta >= 0 && s.beta < 180)
            XCTAssertEqual(g * cos(2 * s.beta * .pi / 180), s.g1, accuracy: 1e-12)
            XCTAssertEqual(g * sin(2 * s.beta * .pi / 180), s.g2, accuracy: 1e-12)
        }
    }

    // MARK: ellipticity

    func testEllipticityRoundTrips() {
        for q in stride(from: 0.05, through: 0.95, by: 0.05) {
            for beta in stride(from: 0.0, to: 180, by: 7.5) {
                let a = Ellipticity.fromAxisRatio(q: q, betaDegrees: beta)
                XCTAssertEqual(a.q, q)
                XCTAssertEqual(a.beta, beta, accuracy: 1e-12)
                XCTAssertEqual((a.g1 * a.g1 + a.g2 * a.g2).squareRoot(), (1 - q) / (1 + q), accuracy: 1e-14)
                let b = Ellipticity.fromShear(g1: a.g1, g2: a.g2)
                XCTAssertEqual(b.q, q, accuracy: 1e-12, "q = \(q), β = \(beta)")
                XCTAssertEqual(b.beta, beta, accuracy: 1e-9, "q = \(q), β = \(beta)")
                XCTAssertEqual(b.g1, a.g1)
                XCTAssertEqual(b.g2, a.g2)
            }
        }
    }

    func testEllipticitySigns() {
        let along = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 0)
        XCTAssertGreaterThan(along.g1, 0, "β = 0, q < 1 stretches along x: g1 > 0")
        XCTAssertEqual(along.g1, 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(along.g2, 0, accuracy: 1e-15)
        let diagonal = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 45)
        XCTAssertEqual(diagonal.g1, 0, accuracy: 1e-15)
        XCTAssertEqual(diagonal.g2, 1.0 / 3.0, accuracy: 1e-15)
        let vertical = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 90)
        XCTAssertEqual(vertical.g1, -1.0 / 3.0, accuracy: 1e-15)
        let round = Ellipticity.fromAxisRatio(q: 1, betaDegrees: 33)
        XCTAssertEqual(round.g1, 0)
        XCTAssertEqual(round.g2, 0)
    }

    func testPositionAngleIsNormalised() {
        XCTAssertEqual(Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: -30).beta, 150, accuracy: 1e-12)
        XCTAssertEqual(Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 200).beta, 20, accuracy: 1e-12)
        XCTAssertEqual(Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 180).beta, 0)
        XCTAssertEqual(Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: -180).beta, 0)
        let tiny = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: -1e-20).beta
        XCTAssertTrue(tiny >= 0 && tiny < 180, "β = −1e-20° normalises into [0, 180), got \(tiny)")
        let a = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: -30), b = Ellipticity.fromAxisRatio(q: 0.5, betaDegrees: 150)
        XCTAssertEqual(a.g1, b.g1, accuracy: 1e-15)
        XCTAssertEqual(a.g2, b.g2, accuracy: 1e-15)
        XCTAssertEqual(Ellipticity.fromShear(g1: -0.2, g2: 0).beta, 90, accuracy: 1e-12)
        XCTAssertEqual(Ellipticity.fromShear(g1: 0, g2: -0.2).beta, 135, accuracy: 1e-12)
    }

    // MARK: canonical JSON

    func testCanonicalJSONRoundTrips() throws {
        let plan = try quickstartPlan()
        for i in 0..<200 {
            let spec = plan.sample(i)
            let json = spec.canonicalJSON()
            let decoded = try JSONDecoder().decode(SampleSpec.self, from: Data(json.utf8))
            XCTAssertEqual(decoded, spec, "sample \(i)")
            XCTAssertEqual(decoded.canonicalJSON(), json, "sample \(i): re-encoding gives the same bytes")
        }
    }

    func testCanonicalJSONHasSortedKeysAndNoWhitespace() throws {
        let plan = try quickstartPlan()
        let withStar = (0..<50).map(plan.sample).first { $0.objects.count == 2 }!
        let json = withStar.canonicalJSON()
        XCTAssertFalse(json.contains("\n"))
        XCTAssertFalse(json.contains(": "))
        XCTAssertFalse(json.contains(", "))
        var objects = 0
        try JSONKeyOrder.check(json) { keys in
            objects += 1
            XCTAssertEqual(keys, keys.sorted(), "keys out of order: \(keys)")
        }
        XCTAssertGreaterThan(objects, 5)
        XCTAssertTrue(json.hasPrefix("{\"bands\":[{"), String(json.prefix(40)))
    }

    func testKeyOrderCheckerSeesDisorder() throws {
        var seen: [[String]] = []
        try JSONKeyOrder.check(#"{"b":1,"a":{"y":[1,{"q":"x\"}"}],"x":null},"c":"{\"z\":1}"}"#) { seen.append($0) }
        XCTAssertEqual(seen, [["q"], ["y", "x"], ["b", "a", "c"]])
    }

    // MARK: helpers

    func sersic(_ object: ObjectSpec) -> (n: Double, halfLightRadius: Double, q: Double, beta: Double, g1: Double, g2: Double)? {
        if case .sersic(let n, let r, let q, let beta, let g1, let g2) = object.shape { return (n, r, q, beta, g1, g2) }
        return nil
    }
}

/// Collects results from concurrent work.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A minimal JSON scanner that reports the keys of every object in the order written.
enum JSONKeyOrder {
    struct Malformed: Error {}

    static func check(_ text: String, _ visit: ([String]) -> Void) throws {
        let chars = Array(text.unicodeScalars)
        var i = 0
        func skipString() throws -> String {
            guard chars[i] == "\"" else { throw Malformed() }
            i += 1
            var s = ""
            while i < chars.count, chars[i] != "\"" {
                if chars[i] == "\\" { i += 1 }
                s.unicodeScalars.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw Malformed() }
            i += 1
            return s
        }
        func value() throws {
            guard i < chars.count else { throw Malformed() }
            switch chars[i] {
            case "{":
                i += 1
                var keys: [String] = []
                while chars[i] != "}" {
                    keys.append(try skipString())
                    guard chars[i] == ":" else { throw Malformed() }
                    i += 1
                    try value()
                    if chars[i] == "," { i += 1 }
                }
                i += 1
                visit(keys)
            case "[":
                i += 1
                while chars[i] != "]" {
                    try value()
                    if chars[i] == "," { i += 1 }
                }
                i += 1
            case "\"":
                _ = try skipString()
            default:
                while i < chars.count, !",]}".unicodeScalars.contains(chars[i]) { i += 1 }
            }
        }
        try value()
        guard i == chars.count else { throw Malformed() }
    }
}
