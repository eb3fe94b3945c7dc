import Foundation

extension ShapeGeometry {
    /// Exact filled area in pixel² from the closed-form formula of each kind.
    var filledArea: Double {
        switch self {
        case let .ellipse(a, b): return .pi * a * b
        case let .rectangle(w, h): return w * h
        case let .regularPolygon(n, r): return 0.5 * Double(n) * r * r * sin(2 * .pi / Double(n))
        case let .starPolygon(p, outer, inner): return Double(p) * outer * inner * sin(.pi / Double(p))
        case let .lineSegment(length, width): return length * width
        case let .arc(radius, width, start, end): return ShapeGeometry.arcSpanDegrees(start: start, end: end) * .pi / 180 * radius * width
        case let .ring(inner, outer): return .pi * (outer * outer - inner * inner)
        }
    }

    /// Counter-clockwise angular span of an arc in degrees: end − start, plus 360 when negative.
    static func arcSpanDegrees(start: Double, end: Double) -> Double {
        let span = end - start
        return span < 0 ? span + 360 : span
    }
}

extension PlacedShape {
    /// Exact area in pixel² (analytic formula, independent of the coverage code).
    public var area: Double {
        guard let w = outlineWidth else { return geometry.filledArea }
        return geometry.offset(by: w / 2).filledArea - geometry.offset(by: -w / 2).filledArea
    }
}
