import Foundation

extension GeometricKind {
    /// Outline widths (arcsec) must stay below this so the shape shrunk by half the width is not empty.
    ///
    /// Polygons and star polygons are tangential (every edge line touches one circle of radius a, the apothem), so
    /// moving their edges by d scales them: the limit is 2a. Ellipses: 2b; rectangles: the shorter side; rings:
    /// min(2 r_in, r_out − r_in).
    public func outlineLimit(_ p: [String: Double], vertices: Int?) -> Double {
        let radius = p["radius"] ?? .nan
        switch self {
        case .circle: return 2 * radius
        case .ellipse: return 2 * radius * (p["axis_ratio"] ?? .nan)
        case .rectangle: return min(p["width"] ?? .nan, p["height"] ?? .nan)
        case .polygon: return 2 * radius * cos(Double.pi / Double(vertices ?? 3))
        case .starPolygon:
            let half = Double.pi / Double(vertices ?? 3)
            let inner = radius * (p["inner_ratio"] ?? .nan)
            let edge = (radius * radius + inner * inner - 2 * radius * inner * cos(half)).squareRoot()
            return 2 * radius * inner * sin(half) / edge
        case .ring:
            let inner = radius * (p["inner_ratio"] ?? .nan)
            return min(2 * inner, radius - inner)
        case .line, .arc: return 0
        }
    }

    /// Allowed values of a size parameter.
    public static func range(of parameter: String) -> (low: Double, high: Double, lowOpen: Bool, highOpen: Bool) {
        switch parameter {
        case "axis_ratio": return (0, 1, true, false)
        case "inner_ratio": return (0, 1, true, true)
        case "span": return (0, 360, true, false)
        case "start_angle": return (-.infinity, .infinity, true, true)
        default: return (0, .infinity, true, true)
        }
    }
}
