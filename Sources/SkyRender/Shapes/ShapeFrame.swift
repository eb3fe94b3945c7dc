/// Maps points from a shape's own frame (pixels, centred at the origin) to image pixel coordinates: rotate, then translate.
struct ShapeFrame {
    var center: ShapePoint
    var cos: Double
    var sin: Double

    init(_ shape: PlacedShape) {
        center = ShapePoint(x: shape.centerX, y: shape.centerY)
        (cos, sin) = shapeCosSin(degrees: shape.rotationDegrees)
    }

    /// Image coordinates of the frame point p.
    @inline(__always) func place(_ p: ShapePoint) -> ShapePoint {
        ShapePoint(x: center.x + cos * p.x - sin * p.y, y: center.y + sin * p.x + cos * p.y)
    }
}
