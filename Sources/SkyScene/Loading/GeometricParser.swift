import Foundation

/// Scene entries whose `type` is a geometric shape kind (circle, ellipse, …).
extension SceneBuilder {
    func geometric(_ n: YNode, kind: GeometricKind, bandNames: [String]) -> ObjectGroup? {
        let required = ["type"] + kind.requiredParameters + (kind.takesVertices ? ["vertices"] : [])
        let optional = ["count", "offset", "magnitude", "flux", "rotation", "psf", "min_separation"] + kind.optionalParameters
            + (kind.takesOutline ? ["outline"] : [])
        guard let m = reader.mapping(n, required: required, optional: optional) else { return nil }
        var parameters: [String: Distribution] = [:]
        var complete = true
        for name in kind.requiredParameters + kind.optionalParameters {
            guard let node = m[name] else { continue }
            let r = GeometricKind.range(of: name)
            let range = ValueRange(r.low, r.high, lowOpen: r.lowOpen, highOpen: r.highOpen)
            if let d = reader.distribution(node, range, name: name) { parameters[name] = d } else { complete = false }
        }
        if kind == .arc && m["start_angle"] == nil { parameters["start_angle"] = .constant(0) }
        let vertices: CountDistribution?? = m["vertices"].map { vertexCount($0) }
        let rotation = m["rotation"].map { reader.distribution($0, .any, name: "rotation") } ?? .constant(0)
        let outline: Distribution?? = m["outline"].map { reader.distribution($0, .positive, name: "outline") }
        let convolved = m["psf"].map(reader.bool) ?? true
        let offset = offset(n, m["offset"])
        let brightness = brightness(n, m, bandNames: bandNames)
        let count = m["count"].map(reader.count) ?? .constant(1)
        guard complete, vertices != .some(nil), let rotation, outline != .some(nil), let convolved, let offset, let brightness,
              let count else { return nil }
        let description = GeometricDescription(kind: kind, parameters: parameters, vertices: vertices ?? nil, rotation: rotation,
                                               outline: outline ?? nil, convolved: convolved, offset: offset, brightness: brightness)
        guard strokeFits(n, description), outlineFits(n, m["outline"], description) else { return nil }
        return ObjectGroup(kind: .geometric(description), count: count)
    }

    /// Vertices: a whole number, uniform_int or choice, never below 3.
    private func vertexCount(_ n: YNode) -> CountDistribution? {
        guard let count = reader.count(n) else { return nil }
        let smallest: Int
        switch count {
        case .constant(let k): smallest = k
        case .uniformInt(let low, _): smallest = low
        case .choice(let values, _): smallest = values.min() ?? 0
        case .poisson:
            reader.fail(n, "vertices take a whole number, {uniform_int: [low, high]} or {choice: [...]}")
            return nil
        }
        if smallest < 3 {
            reader.fail(n, "vertices can be \(smallest); allowed vertices ≥ 3")
            return nil
        }
        return count
    }

    /// An arc's line width must stay below twice its radius for every draw.
    private func strokeFits(_ n: YNode, _ d: GeometricDescription) -> Bool {
        guard d.kind == .arc, let width = d.parameters["line_width"]?.support, let radius = d.parameters["radius"]?.support else {
            return true
        }
        if width.upperBound >= 2 * radius.lowerBound {
            reader.fail(n, "line_width can reach \(width.upperBound)″ but radius can be \(radius.lowerBound)″; allowed line_width < 2 × radius",
                        field: "\(n.path).line_width")
            return false
        }
        return true
    }

    /// The widest possible outline must fit the smallest possible shape (limits at the corners of the parameter ranges).
    private func outlineFits(_ n: YNode, _ node: YNode?, _ d: GeometricDescription) -> Bool {
        guard let outline = d.outline, let node else { return true }
        let names = d.kind.requiredParameters
        var vertexValues: [Int?] = [nil]
        switch d.vertices {
        case .constant(let k)?: vertexValues = [k]
        case .uniformInt(let low, let high)?: vertexValues = Array(low...high)
        case .choice(let values, _)?: vertexValues = values
        default: break
        }
        var smallest = Double.infinity
        for corner in 0..<(1 << names.count) {
            var values: [String: Double] = [:]
            for (i, name) in names.enumerated() {
                let support = d.parameters[name]?.support ?? 0...0
                values[name] = corner & (1 << i) == 0 ? support.lowerBound : support.upperBound
            }
            for v in vertexValues { smallest = min(smallest, d.kind.outlineLimit(values, vertices: v)) }
        }
        if !(outline.support.upperBound < smallest) {
            reader.fail(node, "outline can reach \(outline.support.upperBound)″ but this \(d.kind.rawValue) allows outlines below "
                        + "\(smallest)″ at its smallest (half the outline is taken from inside the shape)")
            return false
        }
        return true
    }
}
