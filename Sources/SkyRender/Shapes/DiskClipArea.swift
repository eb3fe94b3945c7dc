import Foundation

/// Exact area of a disk centred at the origin intersected with a polygon (pixel units, or unit-disk units when radius² = 1).
enum DiskClipArea {
    /// Signed area of disk(origin, √radiusSquared) ∩ triangle(origin, a, b): positive when a → b turns counter-clockwise.
    /// Parts of the edge outside the disk contribute circular sectors, the chord inside contributes a triangle.
    @inline(__always)
    static func edgeTerm(_ a: ShapePoint, _ b: ShapePoint, radiusSquared: Double) -> Double {
        let d = b - a
        let dd = ShapePoint.dot(d, d)
        if dd == 0 { return 0 }
        // |a + t d|² = r²  ⇔  dd t² + 2 ad t + c = 0
        let ad = ShapePoint.dot(a, d)
        let c = ShapePoint.dot(a, a) - radiusSquared
        let discriminant = ad * ad - dd * c
        if discriminant > 0 {
            let root = discriminant.squareRoot()
            let q = -(ad + (ad >= 0 ? root : -root))   // stable quadratic roots q/dd and c/q
            let t1 = min(q / dd, c / q), t2 = max(q / dd, c / q)
            if t1 < 1 && t2 > 0 {
                let enter = t1 > 0 ? a + t1 * d : a
                let leave = t2 < 1 ? a + t2 * d : b
                var sum = 0.5 * ShapePoint.cross(enter, leave)
                if t1 > 0 { sum += sector(a, enter, radiusSquared) }
                if t2 < 1 { sum += sector(leave, b, radiusSquared) }
                return sum
            }
        }
        return sector(a, b, radiusSquared)
    }

    /// Signed area of the sector of the disk between the directions of u and v (the smaller turn, signed).
    @inline(__always)
    private static func sector(_ u: ShapePoint, _ v: ShapePoint, _ radiusSquared: Double) -> Double {
        0.5 * radiusSquared * atan2(ShapePoint.cross(u, v), ShapePoint.dot(u, v))
    }

    /// Area of disk(origin, √radiusSquared) ∩ polygon p[0..<count] (counter-clockwise, simple).
    @inline(__always)
    static func area(_ p: UnsafePointer<ShapePoint>, _ count: Int, radiusSquared: Double) -> Double {
        guard count >= 3 else { return 0 }
        var sum = 0.0
        var previous = p[count - 1]
        for k in 0..<count {
            sum += edgeTerm(previous, p[k], radiusSquared: radiusSquared)
            previous = p[k]
        }
        return sum
    }

    /// Area of the unit disk ∩ the parallelogram with corner u0 and edge vectors e1, e2 (counter-clockwise: e1 × e2 > 0).
    @inline(__always)
    static func unitDiskParallelogramArea(corner u0: ShapePoint, _ e1: ShapePoint, _ e2: ShapePoint) -> Double {
        let u1 = u0 + e1, u2 = u1 + e2, u3 = u0 + e2
        return edgeTerm(u0, u1, radiusSquared: 1) + edgeTerm(u1, u2, radiusSquared: 1)
            + edgeTerm(u2, u3, radiusSquared: 1) + edgeTerm(u3, u0, radiusSquared: 1)
    }
}
