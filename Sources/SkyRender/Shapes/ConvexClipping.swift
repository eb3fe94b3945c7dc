/// Sutherland–Hodgman clipping of convex polygons against one half-plane at a time, and the shoelace area (pixel units).
enum ConvexClipping {
    /// Copies into dst the part of the polygon src[0..<count] where x (alongX) or y is ≥ bound (keepAbove) or ≤ bound; returns the new count.
    /// Crossing points get that coordinate exactly equal to bound.
    @inline(__always)
    static func clipAxis(_ src: UnsafePointer<ShapePoint>, _ count: Int, into dst: UnsafeMutablePointer<ShapePoint>,
                         alongX: Bool, bound: Double, keepAbove: Bool) -> Int {
        guard count > 0 else { return 0 }
        @inline(__always) func margin(_ p: ShapePoint) -> Double {
            let coordinate = alongX ? p.x : p.y
            return keepAbove ? coordinate - bound : bound - coordinate
        }
        @inline(__always) func crossing(_ p: ShapePoint, _ mp: Double, _ q: ShapePoint, _ mq: Double) -> ShapePoint {
            let t = mp / (mp - mq)
            return alongX ? ShapePoint(x: bound, y: p.y + t * (q.y - p.y)) : ShapePoint(x: p.x + t * (q.x - p.x), y: bound)
        }
        var out = 0
        var previous = src[count - 1]
        var previousMargin = margin(previous)
        for k in 0..<count {
            let current = src[k]
            let currentMargin = margin(current)
            if currentMargin >= 0 {
                if previousMargin < 0 && currentMargin > 0 { dst[out] = crossing(previous, previousMargin, current, currentMargin); out += 1 }
                dst[out] = current; out += 1
            } else if previousMargin > 0 {
                dst[out] = crossing(previous, previousMargin, current, currentMargin); out += 1
            }
            previous = current
            previousMargin = currentMargin
        }
        return out
    }

    /// Copies into dst the part of the polygon src[0..<count] where normal · p ≥ 0; returns the new count.
    @inline(__always)
    static func clipHalfPlane(_ src: UnsafePointer<ShapePoint>, _ count: Int, into dst: UnsafeMutablePointer<ShapePoint>,
                              normal: ShapePoint) -> Int {
        guard count > 0 else { return 0 }
        var out = 0
        var previous = src[count - 1]
        var previousMargin = ShapePoint.dot(normal, previous)
        for k in 0..<count {
            let current = src[k]
            let currentMargin = ShapePoint.dot(normal, current)
            if currentMargin >= 0 {
                if previousMargin < 0 && currentMargin > 0 {
                    dst[out] = previous + (previousMargin / (previousMargin - currentMargin)) * (current - previous); out += 1
                }
                dst[out] = current; out += 1
            } else if previousMargin > 0 {
                dst[out] = previous + (previousMargin / (previousMargin - currentMargin)) * (current - previous); out += 1
            }
            previous = current
            previousMargin = currentMargin
        }
        return out
    }

    /// Signed area (pixel², positive when counter-clockwise) of the polygon p[0..<count] by the shoelace formula (taken about p[0] to limit rounding).
    @inline(__always)
    static func area(_ p: UnsafePointer<ShapePoint>, _ count: Int) -> Double {
        guard count >= 3 else { return 0 }
        let origin = p[0]
        var twice = 0.0
        var previous = p[1] - origin
        for k in 2..<count {
            let current = p[k] - origin
            twice += ShapePoint.cross(previous, current)
            previous = current
        }
        return 0.5 * twice
    }
}
