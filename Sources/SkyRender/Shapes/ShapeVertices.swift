import Foundation

extension ShapeGeometry {
    /// Counter-clockwise boundary vertices in the shape's own frame (pixels) for polygonal kinds; empty for curved kinds.
    /// Stars alternate outer and inner vertices, starting with the outer vertex on +x.
    var polygonVertices: [ShapePoint] {
        switch self {
        case let .rectangle(w, h), let .lineSegment(w, h):
            return [ShapePoint(x: -w / 2, y: -h / 2), ShapePoint(x: w / 2, y: -h / 2),
                    ShapePoint(x: w / 2, y: h / 2), ShapePoint(x: -w / 2, y: h / 2)]
        case let .regularPolygon(n, r):
            return (0..<n).map { k in
                let (c, s) = ShapeGeometry.unitDirection(turns: Double(k), of: n)
                return ShapePoint(x: r * c, y: r * s)
            }
        case let .starPolygon(p, outer, inner):
            return (0..<(2 * p)).map { k in
                let radius = k.isMultiple(of: 2) ? outer : inner
                let (c, s) = ShapeGeometry.unitDirection(turns: Double(k), of: 2 * p)
                return ShapePoint(x: radius * c, y: radius * s)
            }
        case .ellipse, .arc, .ring:
            return []
        }
    }

    /// (cos, sin) of 2π·k/n.
    private static func unitDirection(turns k: Double, of n: Int) -> (Double, Double) {
        shapeCosSin(degrees: 360 * k / Double(n))
    }
}
