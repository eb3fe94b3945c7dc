import Foundation

extension ShapeGeometry {
    /// True for strokes (line segment, arc), which take no outline.
    var isStroke: Bool {
        switch self {
        case .lineSegment, .arc: return true
        default: return false
        }
    }

    /// The shape with its boundary moved outward by d pixels (inward when d < 0): edges moved parallel (mitred) for polygons,
    /// semi-axes ± d for ellipses, inner radius ∓ d and outer radius ± d for rings. Strokes are returned unchanged.
    func offset(by d: Double) -> ShapeGeometry {
        switch self {
        case let .ellipse(a, b):
            return .ellipse(semiMajor: a + d, semiMinor: b + d)
        case let .rectangle(w, h):
            return .rectangle(width: w + 2 * d, height: h + 2 * d)
        case let .regularPolygon(n, r):
            // The apothem r·cos(π/n) grows by d.
            return .regularPolygon(vertices: n, circumradius: r + d / cos(.pi / Double(n)))
        case let .starPolygon(p, outer, inner):
            let g = ShapeGeometry.starEdgeFactor(points: p, outer: outer, inner: inner)
            return .starPolygon(points: p, outerRadius: outer + d * g / inner, innerRadius: inner + d * g / outer)
        case let .ring(inner, outer):
            return .ring(innerRadius: inner - d, outerRadius: outer + d)
        case .lineSegment, .arc:
            return self
        }
    }

    /// For a star polygon, |edge| / sin(π/p): moving every edge outward by d moves the outer vertices by d·g/inner
    /// and the inner vertices by d·g/outer along their rays (g = this factor).
    static func starEdgeFactor(points p: Int, outer: Double, inner: Double) -> Double {
        let half = Double.pi / Double(p)
        let edge = (outer * outer + inner * inner - 2 * outer * inner * cos(half)).squareRoot()
        return edge / sin(half)
    }

    /// Outline widths must be below this (pixels) so that the shape shrunk by half the width is not empty (0 for strokes).
    var outlineWidthLimit: Double {
        switch self {
        case let .ellipse(_, b): return 2 * b
        case let .rectangle(w, h): return min(w, h)
        case let .regularPolygon(n, r): return 2 * r * cos(.pi / Double(n))
        case let .starPolygon(p, outer, inner): return 2 * outer * inner / ShapeGeometry.starEdgeFactor(points: p, outer: outer, inner: inner)
        case let .ring(inner, outer): return min(2 * inner, outer - inner)
        case .lineSegment, .arc: return 0
        }
    }
}
