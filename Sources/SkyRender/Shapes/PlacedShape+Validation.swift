extension PlacedShape {
    /// Largest number of polygon vertices or star points accepted.
    public static let maximumVertexCount = 10_000

    /// nil when valid, else a one-line message naming the parameter and the allowed range.
    public func validationProblem() -> String? {
        for (name, value) in [("centerX", centerX), ("centerY", centerY), ("rotationDegrees", rotationDegrees)] where !value.isFinite {
            return "\(name) must be finite (got \(value))"
        }
        if let problem = geometry.validationProblem() { return problem }
        guard let w = outlineWidth else { return nil }
        if geometry.isStroke { return "outlineWidth is not allowed for \(geometry.kindName) (already a stroke)" }
        if !w.isFinite || w <= 0 { return "outlineWidth must be finite and > 0 (got \(w))" }
        let limit = geometry.outlineWidthLimit
        if w >= limit { return "outlineWidth must be < \(limit) for this \(geometry.kindName) so the inner shape is not empty (got \(w))" }
        return nil
    }
}

extension ShapeGeometry {
    /// Lower-case name of the kind for messages.
    var kindName: String {
        switch self {
        case .ellipse: return "ellipse"
        case .rectangle: return "rectangle"
        case .regularPolygon: return "regular polygon"
        case .starPolygon: return "star polygon"
        case .lineSegment: return "line segment"
        case .arc: return "arc"
        case .ring: return "ring"
        }
    }

    /// nil when the geometry's own parameters are valid, else a one-line message.
    func validationProblem() -> String? {
        switch self {
        case let .ellipse(a, b):
            return positive(("semiMajor", a), ("semiMinor", b))
                ?? (b > a ? "semiMinor must be ≤ semiMajor (got \(b) > \(a))" : nil)
        case let .rectangle(w, h):
            return positive(("width", w), ("height", h))
        case let .regularPolygon(n, r):
            return count("vertices", n) ?? positive(("circumradius", r))
        case let .starPolygon(p, outer, inner):
            return count("points", p) ?? positive(("outerRadius", outer), ("innerRadius", inner))
                ?? (inner >= outer ? "innerRadius must be < outerRadius (got \(inner) ≥ \(outer))" : nil)
        case let .lineSegment(length, width):
            return positive(("length", length), ("width", width))
        case let .arc(radius, width, start, end):
            if let problem = positive(("radius", radius), ("width", width)) { return problem }
            if width >= 2 * radius { return "width must be < 2·radius = \(2 * radius) (got \(width))" }
            for (name, value) in [("startDegrees", start), ("endDegrees", end)] where !value.isFinite {
                return "\(name) must be finite (got \(value))"
            }
            let span = ShapeGeometry.arcSpanDegrees(start: start, end: end)
            if !(span > 0 && span <= 360) { return "arc span (endDegrees − startDegrees, +360 if negative) must be in (0, 360] (got \(span))" }
            return nil
        case let .ring(inner, outer):
            return positive(("innerRadius", inner), ("outerRadius", outer))
                ?? (inner >= outer ? "innerRadius must be < outerRadius (got \(inner) ≥ \(outer))" : nil)
        }
    }

    private func positive(_ values: (String, Double)...) -> String? {
        for (name, value) in values where !(value.isFinite && value > 0) {
            return "\(name) must be finite and > 0 (got \(value))"
        }
        return nil
    }

    private func count(_ name: String, _ value: Int) -> String? {
        if value < 3 { return "\(name) must be ≥ 3 (got \(value))" }
        if value > PlacedShape.maximumVertexCount { return "\(name) must be ≤ \(PlacedShape.maximumVertexCount) (got \(value))" }
        return nil
    }
}
