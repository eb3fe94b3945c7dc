import Foundation

/// Scene entries of `type: bulge_disk` and `type: spiral`.
extension SceneBuilder {
    /// Allowed ranges of the spiral parameters (scene names).
    static let pitchRange = ValueRange(0, 90, lowOpen: true, highOpen: true)
    static let armWidthRange = ValueRange(0.05, 0.5)
    static let unitRange = ValueRange(0, 1)
    static let phaseRange = ValueRange(-360, 360)

    func galaxy(_ n: YNode, kind: GalaxyKind, bandNames: [String]) -> ObjectGroup? {
        let common = ["type", "count", "offset", "magnitude", "flux", "min_separation"]
        let required: [String], optional: [String]
        switch kind {
        case .bulgeDisk:
            required = ["type", "bulge", "disk", "bulge_fraction"]
            optional = common
        case .spiral:
            required = ["type", "disk", "arms", "pitch"]
            optional = common + ["bulge", "bulge_fraction", "arm_width", "arm_fraction", "phase", "supersample"]
        }
        guard let m = reader.mapping(n, required: required, optional: optional) else { return nil }
        let disk = m["disk"].flatMap(component)
        let bulge: GalaxyComponentDescription?? = m["bulge"].map(component)
        let fraction: BulgeFractionDescription?? = m["bulge_fraction"].map { bulgeFraction($0, bandNames: bandNames) }
        var pairing = true
        if kind == .spiral {
            if m["bulge"] != nil, m["bulge_fraction"] == nil {
                reader.fail(n, "a bulge needs bulge_fraction (B/T in [0, 1], one value or one per band)", field: "\(n.path).bulge_fraction")
                pairing = false
            }
            if let f = m["bulge_fraction"], m["bulge"] == nil {
                reader.fail(f, "bulge_fraction needs a bulge: {n, half_light_radius, q/beta or g1/g2}")
                pairing = false
            }
        }
        var arms: SpiralArmsDescription?? = nil
        if kind == .spiral { arms = spiralArms(m) }
        let offset = offset(n, m["offset"])
        let brightness = brightness(n, m, bandNames: bandNames)
        let count = m["count"].map(reader.count) ?? .constant(1)
        guard pairing, let disk, bulge != .some(nil), fraction != .some(nil), arms != .some(nil), let offset, let brightness,
              let count else { return nil }
        let description = GalaxyDescription(kind: kind, disk: disk, bulge: bulge ?? nil, bulgeFraction: fraction ?? nil,
                                            arms: arms ?? nil, offset: offset, brightness: brightness)
        return ObjectGroup(kind: .galaxy(description), count: count)
    }

    /// A Sérsic component: `{n, half_light_radius, q/beta or g1/g2}`.
    private func component(_ n: YNode) -> GalaxyComponentDescription? {
        guard let m = reader.mapping(n, required: ["n", "half_light_radius"], optional: ["q", "beta", "g1", "g2"]) else { return nil }
        let sersicN = m["n"].flatMap { reader.distribution($0, SceneLoader.sersicIndexRange) }
        let radius = m["half_light_radius"].flatMap { reader.distribution($0, .positive) }
        let shape = shape(n, m)
        guard let sersicN, let radius, let shape else { return nil }
        return GalaxyComponentDescription(n: sersicN, halfLightRadius: radius, shape: shape)
    }

    /// B/T: a number or distribution in [0, 1] for every band, or a mapping with one for each band.
    private func bulgeFraction(_ node: YNode, bandNames: [String]) -> BulgeFractionDescription? {
        let name = "bulge_fraction"
        if case .mapping = node.node, !reader.isDistributionMapping(node) {
            guard let entries = reader.mapping(node, required: [], optional: bandNames) else { return nil }
            var values: [Distribution] = []
            for band in bandNames {
                guard let e = entries[band] else {
                    reader.fail(node, "missing band '\(band)'; every band (\(bandNames.joined(separator: ", "))) needs a value",
                                field: "\(node.path).\(band)")
                    continue
                }
                if let d = reader.distribution(e, Self.unitRange, name: name) { values.append(d) }
            }
            guard values.count == bandNames.count else { return nil }
            return BulgeFractionDescription(values: values, bands: bandNames, sameInEveryBand: false)
        }
        guard let d = reader.distribution(node, Self.unitRange, name: name) else { return nil }
        return BulgeFractionDescription(values: bandNames.map { _ in d }, bands: bandNames, sameInEveryBand: true)
    }

    /// `arms`, `pitch`, `arm_width` (default 0.5), `arm_fraction` (default 0.5), `phase` (default 0), `supersample`
    /// (default 4).
    private func spiralArms(_ m: [String: YNode]) -> SpiralArmsDescription? {
        let count = m["arms"].flatMap(armCount)
        let pitch = m["pitch"].flatMap { reader.distribution($0, Self.pitchRange, name: "pitch") }
        let width = m["arm_width"].map { reader.distribution($0, Self.armWidthRange, name: "arm_width") } ?? .constant(0.5)
        let fraction = m["arm_fraction"].map { reader.distribution($0, Self.unitRange, name: "arm_fraction") } ?? .constant(0.5)
        let phase = m["phase"].map { reader.distribution($0, Self.phaseRange, name: "phase") } ?? .constant(0)
        let supersample = m["supersample"].map { reader.integer($0, 1...8) } ?? 4
        guard let count, let pitch, let width, let fraction, let phase, let supersample else { return nil }
        return SpiralArmsDescription(count: count, pitch: pitch, width: width, fraction: fraction, phase: phase,
                                     supersample: supersample)
    }

    /// Arms: a whole number, uniform_int or choice, never below 1 (at most 16).
    private func armCount(_ n: YNode) -> CountDistribution? {
        guard let count = reader.count(n) else { return nil }
        let values: [Int]
        switch count {
        case .constant(let k): values = [k]
        case .uniformInt(let low, let high): values = [low, high]
        case .choice(let choices, _): values = choices
        case .poisson:
            reader.fail(n, "arms take a whole number, {uniform_int: [low, high]} or {choice: [...]}")
            return nil
        }
        if let bad = values.first(where: { !(1...16).contains($0) }) {
            reader.fail(n, "arms can be \(bad); allowed 1 ≤ arms ≤ 16")
            return nil
        }
        return count
    }
}
