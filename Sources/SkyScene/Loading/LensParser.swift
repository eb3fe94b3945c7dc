import Foundation

/// Scene entries of `type: lens`: a deflector (+ shear), a lensed Sérsic source and optional lens light.
extension SceneBuilder {
    func lens(_ n: YNode, bandNames: [String]) -> ObjectGroup? {
        guard let m = reader.mapping(n, required: ["type", "deflector", "source"],
                                     optional: ["count", "offset", "shear", "lens_light", "supersample", "lensed_fraction",
                                                "min_separation"])
        else { return nil }
        let deflector = m["deflector"].flatMap(deflector)
        let shear = m["shear"].flatMap(shear)
        let source = m["source"].flatMap { light($0, bandNames: bandNames, isSource: true) }
        let lensLight: LensLightDescription?? = m["lens_light"].map { light($0, bandNames: bandNames, isSource: false) }
        let supersample = m["supersample"].map { reader.integer($0, 1...16) } ?? 3
        let fraction = m["lensed_fraction"].map { reader.number($0, ValueRange(0, 1), name: "lensed_fraction") } ?? 1
        let offset = offset(n, m["offset"])
        let count = m["count"].map(reader.count) ?? .constant(1)
        guard let deflector, m["shear"] == nil || shear != nil, let source, lensLight != .some(nil), let supersample, let fraction, let offset,
              let count else { return nil }
        let description = LensDescription(profile: deflector.profile, thetaE: deflector.thetaE, ellipticity: deflector.ellipticity,
                                          shear: shear, supersample: supersample, lensedFraction: fraction, offset: offset,
                                          source: source, lensLight: lensLight ?? nil)
        return ObjectGroup(kind: .lens(description), count: count)
    }

    private func deflector(_ n: YNode) -> (profile: DeflectorProfile, thetaE: Distribution, ellipticity: ShapeDescription)? {
        guard let m = reader.mapping(n, required: ["profile", "theta_e"], optional: ["e1", "e2", "q", "phi"]),
              let profileNode = m["profile"], let name = reader.string(profileNode) else { return nil }
        guard let profile = DeflectorProfile(rawValue: name) else {
            let allowed = DeflectorProfile.allCases.map(\.rawValue).joined(separator: ", ")
            reader.fail(profileNode, "unknown deflector profile '\(name)'; allowed: \(allowed)")
            return nil
        }
        let thetaE = m["theta_e"].flatMap { reader.distribution($0, ValueRange(0, 10, lowOpen: true), name: "theta_e") }
        if profile != .sie {
            for key in ["e1", "e2", "q", "phi"] {
                if let extra = m[key] { reader.fail(extra, "\(key) applies to sie deflectors only; \(name) is round") }
            }
        }
        // (e1, e2) are lenstronomy's names for the reduced-shear components; (q, phi) for axis ratio and angle.
        var renamed: [String: YNode] = [:]
        for (from, to) in [("e1", "g1"), ("e2", "g2"), ("q", "q"), ("phi", "beta")] { renamed[to] = m[from] }
        let ellipticity = shape(n, renamed)
        guard let thetaE, let ellipticity else { return nil }
        return (profile, thetaE, ellipticity)
    }

    private func shear(_ n: YNode) -> (Distribution, Distribution)? {
        guard let m = reader.mapping(n, required: [], optional: ["gamma1", "gamma2"]) else { return nil }
        let range = ValueRange(-0.5, 0.5)
        let g1 = m["gamma1"].map { reader.distribution($0, range, name: "gamma1") } ?? .constant(0)
        let g2 = m["gamma2"].map { reader.distribution($0, range, name: "gamma2") } ?? .constant(0)
        guard let g1, let g2 else { return nil }
        return (g1, g2)
    }

    /// The source (with an offset from the deflector centre) or the lens light (on the centre).
    private func light(_ n: YNode, bandNames: [String], isSource: Bool) -> LensLightDescription? {
        let optional = ["q", "beta", "g1", "g2", "magnitude", "flux"] + (isSource ? ["offset"] : [])
        guard let m = reader.mapping(n, required: ["n", "half_light_radius"], optional: optional) else { return nil }
        let sersicN = m["n"].flatMap { reader.distribution($0, SceneLoader.sersicIndexRange) }
        let radius = m["half_light_radius"].flatMap { reader.distribution($0, .positive) }
        let shape = shape(n, m)
        let offset = offset(n, m["offset"])
        let brightness = brightness(n, m, bandNames: bandNames)
        guard let sersicN, let radius, let shape, let offset, let brightness else { return nil }
        return LensLightDescription(n: sersicN, halfLightRadius: radius, shape: shape, offset: offset, brightness: brightness)
    }
}
