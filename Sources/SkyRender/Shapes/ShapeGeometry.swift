/// Geometry of a shape in its own frame (pixel units, centred at the origin, before rotation).
public enum ShapeGeometry: Sendable, Equatable {
    /// Ellipse with semi-axes in pixels (a circle when equal); the major axis lies along +x.
    case ellipse(semiMajor: Double, semiMinor: Double)
    /// Rectangle of width (along +x) and height in pixels.
    case rectangle(width: Double, height: Double)
    /// Regular polygon with the given circumradius in pixels; the first vertex lies on +x.
    case regularPolygon(vertices: Int, circumradius: Double)
    /// Star polygon: outer vertices (pixels from the centre) at angles 2πk/points, inner vertices half-way between.
    case starPolygon(points: Int, outerRadius: Double, innerRadius: Double)
    /// Straight stroke of length and width in pixels along +x with butt caps (a rotated rectangle).
    case lineSegment(length: Double, width: Double)
    /// Curved stroke: points at radius ± width/2 pixels whose angle runs counter-clockwise from start to end degrees (end < start wraps; span ≤ 360).
    case arc(radius: Double, width: Double, startDegrees: Double, endDegrees: Double)
    /// Annulus between two radii in pixels.
    case ring(innerRadius: Double, outerRadius: Double)
}
