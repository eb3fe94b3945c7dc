extension PlacedShape {
    /// Axis-aligned bounding box in pixel coordinates (xMin, yMin, xMax, yMax) of the region covered.
    public var boundingBox: (xMin: Double, yMin: Double, xMax: Double, yMax: Double) {
        let outer = outlineWidth.map { geometry.offset(by: $0 / 2) } ?? geometry
        let frame = ShapeFrame(self)
        let c = frame.center
        switch outer {
        case let .ellipse(a, b):
            let hx = ((a * frame.cos) * (a * frame.cos) + (b * frame.sin) * (b * frame.sin)).squareRoot()
            let hy = ((a * frame.sin) * (a * frame.sin) + (b * frame.cos) * (b * frame.cos)).squareRoot()
            return (c.x - hx, c.y - hy, c.x + hx, c.y + hy)
        case let .ring(_, r):
            return (c.x - r, c.y - r, c.x + r, c.y + r)
        case .arc:
            return arcSector!.extent
        case .rectangle, .lineSegment, .regularPolygon, .starPolygon:
            let placed = outer.polygonVertices.map(frame.place)
            return (placed.map(\.x).min()!, placed.map(\.y).min()!, placed.map(\.x).max()!, placed.map(\.y).max()!)
        }
    }

    /// For an arc, its annular sector in image coordinates (rotation added to both angles); nil for other kinds.
    var arcSector: AnnularSector? {
        guard case let .arc(radius, width, start, end) = geometry else { return nil }
        let first = start + rotationDegrees
        return AnnularSector(center: ShapePoint(x: centerX, y: centerY), innerRadius: radius - width / 2, outerRadius: radius + width / 2,
                             startDegrees: first, endDegrees: first + ShapeGeometry.arcSpanDegrees(start: start, end: end))
    }
}
