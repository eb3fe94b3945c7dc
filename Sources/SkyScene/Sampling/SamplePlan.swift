import Foundation

/// Expands a scene into samples: sample i is a pure function of (scene, seed, i).
///
/// With a sweep, sample i is replicate r = i mod R of point p = i / R. Its draws are keyed by r (common random
/// numbers: the same objects, positions and noise at every point) or, if the scene opts out, by i; its split is
/// keyed by r, so a replicate is in the same split at every point.
public struct SamplePlan: Sendable {
    public let scene: SceneDescription
    private let generator: Philox
    /// The scene of each sweep point (one entry without a sweep).
    private let points: [SceneDescription]
    private let bandSpecs: [[BandSpec]]

    public init(scene: SceneDescription) {
        self.scene = scene
        generator = Philox(seed: scene.seed)
        points = scene.sweep?.scenes ?? [scene]
        bandSpecs = points.map { point in point.bands.map { SamplePlan.bandSpec($0, pixelScale: point.image.pixelScale) } }
    }

    /// Number of samples.
    public var count: Int { scene.count }

    /// Resolves sample `index`: split, per-band conditions and every object's drawn parameters.
    public func sample(_ index: Int) -> SampleSpec {
        let replicates = scene.sweep?.replicates ?? scene.count
        let position = scene.sweep.map { _ in SweepPosition(point: index / replicates, replicate: index % replicates) }
        let point = position?.point ?? 0
        let replicate = position?.replicate ?? index
        let crn = scene.sweep?.commonRandomNumbers ?? true
        let sampleKey = UInt32(truncatingIfNeeded: crn ? replicate : index)
        var bandSpecs = self.bandSpecs[point]
        for (b, band) in points[point].bands.enumerated() {
            guard let variation = band.psfVariation else { continue }
            bandSpecs[b].psf = variation.resolve(band.psf) { name, distribution in
                distribution.draw(random(sampleKey, "bands[\(b)].psf.\(name)", object: 0))
            }
        }
        var objects: [ObjectSpec] = []
        for (groupIndex, group) in points[point].objects.enumerated() {
            let countRandom = random(sampleKey, "objects[\(groupIndex)].count", object: 0)
            let count = SamplePlan.drawCount(group.count, countRandom)
            let prefix = RandomKey.stream("objects[\(groupIndex)].")  // each field's stream is "objects[g].field"
            for member in 0..<count {
                let objectIndex = UInt16(truncatingIfNeeded: member)
                let draw = { (field: String, distribution: Distribution) -> Double in
                    distribution.draw(self.random(sampleKey, stream: RandomKey.stream(field, after: prefix), object: objectIndex))
                }
                let drawWhole = { (field: String, distribution: CountDistribution) -> Int in
                    SamplePlan.drawCount(distribution, self.random(sampleKey, stream: RandomKey.stream(field, after: prefix),
                                                                   object: objectIndex))
                }
                var object = resolve(group.kind, id: objects.count + 1, group: groupIndex, bands: bandSpecs, draw: draw,
                                     drawWhole: drawWhole)
                if let separation = group.minSeparation {
                    separate(&object, from: objects, by: separation, offset: group.kind.offset, draw: draw)
                }
                objects.append(object)
            }
        }
        return SampleSpec(index: index, split: split(UInt32(truncatingIfNeeded: replicate)), image: scene.image,
                          bands: bandSpecs, objects: objects, sweep: position)
    }

    /// Redraws the object's position (attempt k keys its draws by "offset.x@k") until it is at least `separation`
    /// arcsec from every earlier object; after 100 attempts the last position stands.
    private func separate(_ object: inout ObjectSpec, from earlier: [ObjectSpec], by separation: Double,
                          offset: OffsetDescription, draw: (String, Distribution) -> Double) {
        func clear(_ x: Double, _ y: Double) -> Bool {
            earlier.allSatisfy { other in
                let dx = other.offsetX - x, dy = other.offsetY - y
                return dx * dx + dy * dy >= separation * separation
            }
        }
        var attempt = 0
        while !clear(object.offsetX, object.offsetY) && attempt < 100 {
            attempt += 1
            object.offsetX = draw("offset.x@\(attempt)", offset.x)
            object.offsetY = draw("offset.y@\(attempt)", offset.y)
        }
    }

    private func random(_ sample: UInt32, _ stream: String, object: UInt16) -> KeyedRandom {
        random(sample, stream: RandomKey.stream(stream), object: object)
    }

    private func random(_ sample: UInt32, stream: UInt32, object: UInt16) -> KeyedRandom {
        KeyedRandom(generator: generator, key: RandomKey(sample: sample, stream: stream, object: object))
    }

    private func split(_ sample: UInt32) -> Split {
        let u = random(sample, "split", object: 0).uniform(0)
        if u < scene.splits.train { return .train }
        if u < scene.splits.train + scene.splits.validation { return .validation }
        return .test
    }

    private func resolve(_ kind: ObjectKind, id: Int, group: Int, bands: [BandSpec],
                         draw: (String, Distribution) -> Double, drawWhole: (String, CountDistribution) -> Int) -> ObjectSpec {
        switch kind {
        case .sersic(let s):
            let n = draw("n", s.n)
            let radius = draw("half_light_radius", s.halfLightRadius)
            let shape: (q: Double, beta: Double, g1: Double, g2: Double)
            switch s.shape {
            case .axisRatio(let qD, let betaD):
                shape = Ellipticity.fromAxisRatio(q: draw("q", qD), betaDegrees: draw("beta", betaD))
            case .shear(let g1D, let g2D):
                shape = Ellipticity.fromShear(g1: draw("g1", g1D), g2: draw("g2", g2D))
            }
            let (flux, mag) = brightness(s.brightness, bands: bands, draw: draw)
            return ObjectSpec(id: id, group: group,
                              shape: .sersic(n: n, halfLightRadius: radius, q: shape.q, beta: shape.beta, g1: shape.g1, g2: shape.g2),
                              offsetX: draw("offset.x", s.offset.x), offsetY: draw("offset.y", s.offset.y),
                              flux: flux, magnitude: mag)
        case .star(let s):
            let (flux, mag) = brightness(s.brightness, bands: bands, draw: draw)
            return ObjectSpec(id: id, group: group, shape: .star,
                              offsetX: draw("offset.x", s.offset.x), offsetY: draw("offset.y", s.offset.y),
                              flux: flux, magnitude: mag)
        case .lens(let l):
            return resolveLens(l, id: id, group: group, bands: bands, draw: draw)
        case .galaxy(let g):
            return resolveGalaxy(g, id: id, group: group, bands: bands, draw: draw, drawWhole: drawWhole)
        case .geometric(let g):
            var parameters: [String: Double] = [:]
            for (name, distribution) in g.parameters { parameters[name] = draw(name, distribution) }
            let spec = GeometricSpec(kind: g.kind, parameters: parameters, vertices: g.vertices.map { drawWhole("vertices", $0) },
                                     rotation: draw("rotation", g.rotation), outlineWidth: g.outline.map { draw("outline", $0) },
                                     convolved: g.convolved)
            let (flux, mag) = brightness(g.brightness, bands: bands, draw: draw)
            return ObjectSpec(id: id, group: group, shape: .geometric(spec),
                              offsetX: draw("offset.x", g.offset.x), offsetY: draw("offset.y", g.offset.y),
                              flux: flux, magnitude: mag)
        }
    }

    private func resolveLens(_ l: LensDescription, id: Int, group: Int, bands: [BandSpec],
                             draw: (String, Distribution) -> Double) -> ObjectSpec {
        let isLensed = draw("lensed", .uniform(low: 0, high: 1)) < l.lensedFraction
        let thetaE = draw("deflector.theta_e", l.thetaE)
        let ellipticity = shape(l.ellipticity, prefix: "deflector.", draw: draw)
        let source = light(l.source, prefix: "source.", bands: bands, draw: draw)
        let lensLight = l.lensLight.map { light($0, prefix: "lens_light.", bands: bands, draw: draw) }
        let spec = LensSpec(isLensed: isLensed, profile: l.profile, thetaE: thetaE, q: ellipticity.q, phi: ellipticity.beta,
                            e1: ellipticity.g1, e2: ellipticity.g2,
                            gamma1: l.shear.map { draw("shear.gamma1", $0.gamma1) } ?? 0,
                            gamma2: l.shear.map { draw("shear.gamma2", $0.gamma2) } ?? 0,
                            supersample: l.supersample, source: source, lensLight: lensLight)
        return ObjectSpec(id: id, group: group, shape: .lens(spec),
                          offsetX: draw("offset.x", l.offset.x), offsetY: draw("offset.y", l.offset.y),
                          flux: lensLight?.flux ?? bands.map { _ in 0 }, magnitude: lensLight?.magnitude ?? bands.map { _ in .nan })
    }

    private func light(_ d: LensLightDescription, prefix: String, bands: [BandSpec],
                       draw: (String, Distribution) -> Double) -> LensLightSpec {
        func prefixed(_ field: String, _ distribution: Distribution) -> Double { draw(prefix + field, distribution) }
        let s = shape(d.shape, prefix: prefix, draw: draw)
        let (flux, mag) = brightness(d.brightness, bands: bands, draw: prefixed)
        return LensLightSpec(n: prefixed("n", d.n), halfLightRadius: prefixed("half_light_radius", d.halfLightRadius),
                             q: s.q, beta: s.beta, g1: s.g1, g2: s.g2,
                             offsetX: prefixed("offset.x", d.offset.x), offsetY: prefixed("offset.y", d.offset.y),
                             flux: flux, magnitude: mag)
    }

    func shape(_ d: ShapeDescription, prefix: String,
               draw: (String, Distribution) -> Double) -> (q: Double, beta: Double, g1: Double, g2: Double) {
        switch d {
        case .axisRatio(let q, let beta):
            return Ellipticity.fromAxisRatio(q: draw(prefix + "q", q), betaDegrees: draw(prefix + "beta", beta))
        case .shear(let g1, let g2):
            return Ellipticity.fromShear(g1: draw(prefix + "g1", g1), g2: draw(prefix + "g2", g2))
        }
    }

    /// Flux (electrons) and magnitude per band, in band order; relative magnitudes resolve after absolute ones.
    func brightness(_ b: Brightness, bands bandSpecs: [BandSpec],
                    draw: (String, Distribution) -> Double) -> ([Double], [Double]) {
        var values = [Double](repeating: .nan, count: bandSpecs.count)
        var drawn = [Double](repeating: .nan, count: bandSpecs.count)
        let kind = b.isMagnitude ? "magnitude" : "flux"
        let shared = b.sameInEveryBand ? b.bands.first.map { draw(kind, $0.value) } : nil
        for (i, entry) in b.bands.enumerated() {
            drawn[i] = shared ?? draw("\(kind).\(entry.band)", entry.value)
        }
        for (i, entry) in b.bands.enumerated() where entry.relativeTo == nil {
            values[i] = drawn[i]
        }
        // Chains of relative bands resolve in at most bands.count passes (the loader rejects cycles).
        for _ in 0..<bandSpecs.count {
            for (i, entry) in b.bands.enumerated() where values[i].isNaN {
                if let ref = entry.relativeTo, let j = bandSpecs.firstIndex(where: { $0.name == ref }), !values[j].isNaN {
                    values[i] = values[j] + drawn[i]
                }
            }
        }
        var flux = [Double](repeating: 0, count: bandSpecs.count)
        var mag = [Double](repeating: 0, count: bandSpecs.count)
        for (i, band) in bandSpecs.enumerated() {
            let counts = band.exposureTime
            if b.isMagnitude {
                mag[i] = values[i]
                flux[i] = counts * pow(10, -0.4 * (values[i] - band.zeroPoint))
            } else {
                flux[i] = values[i]
                mag[i] = band.zeroPoint - 2.5 * log10(values[i] / counts)
            }
        }
        return (flux, mag)
    }

    static func drawCount(_ count: CountDistribution, _ random: KeyedRandom) -> Int {
        switch count {
        case .constant(let k):
            return k
        case .uniformInt(let lo, let hi):
            return lo + min(Int(random.uniform(0) * Double(hi - lo + 1)), hi - lo)
        case .poisson(let mean):
            // Inversion by sequential search: exact, and counts per stamp are small.
            let u = random.uniform(0)
            var k = 0
            var p = exp(-mean)
            var cumulative = p
            while u > cumulative && k < 10_000 {
                k += 1
                p *= mean / Double(k)
                cumulative += p
            }
            return k
        case .choice(let values, let weights):
            let index = Distribution.choice(values: values.indices.map(Double.init), weights: weights).draw(random)
            return values[Int(index)]
        }
    }

    static func bandSpec(_ band: BandDescription, pixelScale: Double) -> BandSpec {
        let sky: Double
        switch band.sky {
        case .electrons(let e): sky = e
        case .magnitude(let m): sky = band.exposureTime * pow(10, -0.4 * (m - band.zeroPoint)) * pixelScale * pixelScale
        }
        return BandSpec(name: band.name, zeroPoint: band.zeroPoint, exposureTime: band.exposureTime, skyElectrons: sky,
                        psf: band.psf, noise: band.noise, gain: band.gain, subtractSky: band.subtractSky, defects: band.defects)
    }
}

/// Conversions between (q, β) and reduced shear (g1, g2) as in CONVENTIONS.md.
public enum Ellipticity {
    /// g = (1 − q)/(1 + q), g1 = g cos 2β, g2 = g sin 2β; β in degrees, normalised to [0, 180).
    public static func fromAxisRatio(q: Double, betaDegrees: Double) -> (q: Double, beta: Double, g1: Double, g2: Double) {
        let g = (1 - q) / (1 + q)
        var beta = betaDegrees.truncatingRemainder(dividingBy: 180)
        if beta < 0 { beta += 180 }
        if beta >= 180 { beta = 0 }
        let twoBeta = 2 * beta * Double.pi / 180
        return (q, beta, g * cos(twoBeta), g * sin(twoBeta))
    }

    /// q = (1 − |g|)/(1 + |g|), β = atan2(g2, g1)/2 in degrees in [0, 180).
    public static func fromShear(g1: Double, g2: Double) -> (q: Double, beta: Double, g1: Double, g2: Double) {
        let g = (g1 * g1 + g2 * g2).squareRoot()
        var beta = 0.5 * atan2(g2, g1) * 180 / Double.pi
        if beta < 0 { beta += 180 }
        if beta >= 180 { beta = 0 }
        return ((1 - g) / (1 + g), beta, g1, g2)
    }
}
