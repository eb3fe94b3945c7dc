/// Points at distance innerRadius…outerRadius (pixels) from center whose angle runs counter-clockwise from startDegrees to endDegrees (start < end ≤ start + 360).
struct AnnularSector {
    var center: ShapePoint
    var innerRadius: Double
    var outerRadius: Double
    var startDegrees: Double
    var endDegrees: Double

    /// Axis-aligned extent (xMin, yMin, xMax, yMax) in pixel coordinates.
    var extent: (xMin: Double, yMin: Double, xMax: Double, yMax: Double) {
        var xMin = Double.infinity, yMin = Double.infinity, xMax = -Double.infinity, yMax = -Double.infinity
        func include(radius: Double, degrees: Double) {
            let (c, s) = shapeCosSin(degrees: degrees)
            xMin = min(xMin, center.x + radius * c); xMax = max(xMax, center.x + radius * c)
            yMin = min(yMin, center.y + radius * s); yMax = max(yMax, center.y + radius * s)
        }
        for radius in [innerRadius, outerRadius] {
            include(radius: radius, degrees: startDegrees)
            include(radius: radius, degrees: endDegrees)
        }
        for axis in [0.0, 90, 180, 270] {
            var offset = (axis - startDegrees).truncatingRemainder(dividingBy: 360)
            if offset < 0 { offset += 360 }
            if offset <= endDegrees - startDegrees { include(radius: outerRadius, degrees: axis) }
        }
        return (xMin, yMin, xMax, yMax)
    }

    /// The sector cut into consecutive pieces of span ≤ 180°, so that each piece's wedge is convex; neighbours share their boundary angle exactly.
    var convexPieces: [AnnularSector] {
        let span = endDegrees - startDegrees
        let count = Int((span / 180).rounded(.up))
        let cuts = (0...count).map { k in k == count ? endDegrees : startDegrees + span * Double(k) / Double(count) }
        return (0..<count).map { k in
            AnnularSector(center: center, innerRadius: innerRadius, outerRadius: outerRadius, startDegrees: cuts[k], endDegrees: cuts[k + 1])
        }
    }
}
