import Foundation

/// A point or vector in pixel coordinates (internal geometry helper).
struct ShapePoint: Equatable {
    var x: Double
    var y: Double

    static let zero = ShapePoint(x: 0, y: 0)

    @inline(__always) static func + (a: ShapePoint, b: ShapePoint) -> ShapePoint { ShapePoint(x: a.x + b.x, y: a.y + b.y) }
    @inline(__always) static func - (a: ShapePoint, b: ShapePoint) -> ShapePoint { ShapePoint(x: a.x - b.x, y: a.y - b.y) }
    @inline(__always) static func * (s: Double, a: ShapePoint) -> ShapePoint { ShapePoint(x: s * a.x, y: s * a.y) }

    /// z-component of the cross product a × b.
    @inline(__always) static func cross(_ a: ShapePoint, _ b: ShapePoint) -> Double { a.x * b.y - a.y * b.x }
    /// Dot product a · b.
    @inline(__always) static func dot(_ a: ShapePoint, _ b: ShapePoint) -> Double { a.x * b.x + a.y * b.y }
}

/// Cosine and sine of an angle in degrees, exact at multiples of 90°.
func shapeCosSin(degrees: Double) -> (cos: Double, sin: Double) {
    var reduced = degrees.truncatingRemainder(dividingBy: 360)
    if reduced < 0 { reduced += 360 }
    switch reduced {
    case 0: return (1, 0)
    case 90: return (0, 1)
    case 180: return (-1, 0)
    case 270: return (0, -1)
    default:
        let radians = reduced * .pi / 180
        return (cos(radians), sin(radians))
    }
}
