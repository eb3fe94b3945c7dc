import Foundation

/// Resolving bulge + disk and spiral galaxies. Every draw is keyed by its scene path under the object group:
/// `bulge.n`, `disk.half_light_radius`, `disk.q`, …, `bulge_fraction` (or `bulge_fraction.<band>`), `arms`, `pitch`,
/// `arm_width`, `arm_fraction`, `phase`, `offset.x`, `magnitude.<band>`.
extension SamplePlan {
    func resolveGalaxy(_ g: GalaxyDescription, id: Int, group: Int, bands: [BandSpec],
                       draw: (String, Distribution) -> Double, drawWhole: (String, CountDistribution) -> Int) -> ObjectSpec {
        func component(_ d: GalaxyComponentDescription, _ prefix: String) -> GalaxyComponentSpec {
            let s = shape(d.shape, prefix: prefix, draw: draw)
            return GalaxyComponentSpec(n: draw(prefix + "n", d.n), halfLightRadius: draw(prefix + "half_light_radius", d.halfLightRadius),
                                       q: s.q, beta: s.beta, g1: s.g1, g2: s.g2)
        }
        let disk = component(g.disk, "disk.")
        let bulge = g.bulge.map { component($0, "bulge.") }
        var fraction = [Double](repeating: 0, count: bands.count)
        if let f = g.bulgeFraction {
            let shared = f.sameInEveryBand ? f.values.first.map { draw("bulge_fraction", $0) } : nil
            for b in 0..<min(bands.count, f.values.count) {
                fraction[b] = shared ?? draw("bulge_fraction.\(f.bands[b])", f.values[b])
            }
        }
        let arms = g.arms.map { a -> SpiralArmsSpec in
            var phase = draw("phase", a.phase).truncatingRemainder(dividingBy: 360)
            if phase < 0 { phase += 360 }
            if phase >= 360 { phase = 0 }
            return SpiralArmsSpec(count: drawWhole("arms", a.count), pitch: draw("pitch", a.pitch), width: draw("arm_width", a.width),
                                  fraction: draw("arm_fraction", a.fraction), phase: phase, supersample: a.supersample)
        }
        let (flux, mag) = brightness(g.brightness, bands: bands, draw: draw)
        let spec = GalaxySpec(kind: g.kind, disk: disk, bulge: bulge, bulgeFraction: fraction, arms: arms)
        return ObjectSpec(id: id, group: group, shape: .galaxy(spec),
                          offsetX: draw("offset.x", g.offset.x), offsetY: draw("offset.y", g.offset.y),
                          flux: flux, magnitude: mag)
    }
}
