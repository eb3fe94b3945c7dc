// The objects of a sample as JSONText: keys in the encoder's sorted order, optionals omitted when nil, enums as their
// synthesized Codable form ({"case":{"label":value}}, an unlabelled payload under "_0", raw-value enums as strings).

extension ObjectSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("flux")
        json.numbers(flux)
        json.key("group")
        json.number(group)
        json.key("id")
        json.number(id)
        json.key("magnitude")
        json.numbers(magnitude)
        json.key("offsetX")
        json.number(offsetX)
        json.key("offsetY")
        json.number(offsetY)
        json.key("shape")
        shape.writeCanonicalJSON(into: &json)
        json.closeObject()
    }
}

extension ObjectShapeSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        switch self {
        case .sersic(let n, let halfLightRadius, let q, let beta, let g1, let g2):
            json.key("sersic")
            json.sersicParameters(n: n, halfLightRadius: halfLightRadius, q: q, beta: beta, g1: g1, g2: g2)
        case .star:
            json.emptyObject("star")
        case .geometric(let spec):
            json.unlabelledCase("geometric") { spec.writeCanonicalJSON(into: &$0) }
        case .lens(let spec):
            json.unlabelledCase("lens") { spec.writeCanonicalJSON(into: &$0) }
        case .galaxy(let spec):
            json.unlabelledCase("galaxy") { spec.writeCanonicalJSON(into: &$0) }
        }
        json.closeObject()
    }
}

extension GeometricSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("convolved")
        json.bool(convolved)
        json.key("kind")
        json.string(kind.rawValue)
        if let outlineWidth {
            json.key("outlineWidth")
            json.number(outlineWidth)
        }
        json.key("parameters")
        json.openObject()
        // The encoder sorts a dictionary's keys by their UTF-8 bytes.
        for name in parameters.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            json.dictionaryKey(name)
            json.number(parameters[name]!)
        }
        json.closeObject()
        json.key("rotation")
        json.number(rotation)
        if let vertices {
            json.key("vertices")
            json.number(vertices)
        }
        json.closeObject()
    }
}

extension LensSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("e1")
        json.number(e1)
        json.key("e2")
        json.number(e2)
        json.key("gamma1")
        json.number(gamma1)
        json.key("gamma2")
        json.number(gamma2)
        json.key("isLensed")
        json.bool(isLensed)
        if let lensLight {
            json.key("lensLight")
            lensLight.writeCanonicalJSON(into: &json)
        }
        json.key("phi")
        json.number(phi)
        json.key("profile")
        json.string(profile.rawValue)
        json.key("q")
        json.number(q)
        json.key("source")
        source.writeCanonicalJSON(into: &json)
        json.key("supersample")
        json.number(supersample)
        json.key("thetaE")
        json.number(thetaE)
        json.closeObject()
    }
}

extension LensLightSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("beta")
        json.number(beta)
        json.key("flux")
        json.numbers(flux)
        json.key("g1")
        json.number(g1)
        json.key("g2")
        json.number(g2)
        json.key("halfLightRadius")
        json.number(halfLightRadius)
        json.key("magnitude")
        json.numbers(magnitude)
        json.key("n")
        json.number(n)
        json.key("offsetX")
        json.number(offsetX)
        json.key("offsetY")
        json.number(offsetY)
        json.key("q")
        json.number(q)
        json.closeObject()
    }
}

extension GalaxySpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        if let arms {
            json.key("arms")
            arms.writeCanonicalJSON(into: &json)
        }
        if let bulge {
            json.key("bulge")
            bulge.writeCanonicalJSON(into: &json)
        }
        json.key("bulgeFraction")
        json.numbers(bulgeFraction)
        json.key("disk")
        disk.writeCanonicalJSON(into: &json)
        json.key("kind")
        json.string(kind.rawValue)
        json.closeObject()
    }
}

extension GalaxyComponentSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.sersicParameters(n: n, halfLightRadius: halfLightRadius, q: q, beta: beta, g1: g1, g2: g2)
    }
}

extension SpiralArmsSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("count")
        json.number(count)
        json.key("fraction")
        json.number(fraction)
        json.key("phase")
        json.number(phase)
        json.key("pitch")
        json.number(pitch)
        json.key("supersample")
        json.number(supersample)
        json.key("width")
        json.number(width)
        json.closeObject()
    }
}
