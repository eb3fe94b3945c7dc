/// Exact coverage of a convex polygon: each pixel row clips the polygon to its strip; pixels between the strip's full-height
/// crossings get area 1, the others clip the strip polygon to their column and take the shoelace area.
enum ConvexPolygonCoverage {
    /// Adds sign × (area of the polygon inside each pixel) to the window; vertices are counter-clockwise in pixel coordinates.
    static func accumulate(_ vertices: [ShapePoint], sign: Double, into window: inout CoverageWindow, scratch: ShapeClipScratch) {
        precondition(vertices.count + 8 <= scratch.capacity, "clip scratch too small")
        let yMin = vertices.reduce(Double.infinity) { min($0, $1.y) }
        let yMax = vertices.reduce(-Double.infinity) { max($0, $1.y) }
        guard let rows = CoverageWindow.pixels(from: yMin, to: yMax, within: window.rows) else { return }
        vertices.withUnsafeBufferPointer { polygon in
            for j in rows {
                let yLow = Double(j) - 0.5, yHigh = Double(j) + 0.5
                let lower = ConvexClipping.clipAxis(polygon.baseAddress!, polygon.count, into: scratch.temporary,
                                                    alongX: false, bound: yLow, keepAbove: true)
                let count = ConvexClipping.clipAxis(scratch.temporary, lower, into: scratch.row,
                                                    alongX: false, bound: yHigh, keepAbove: false)
                guard count >= 3 else { continue }
                let strip = StripExtent(scratch.row, count, yLow: yLow, yHigh: yHigh)
                guard let columns = CoverageWindow.pixels(from: strip.xMin, to: strip.xMax, within: window.columns) else { continue }
                let full = CoverageWindow.pixelsInside(from: strip.fullMin, to: strip.fullMax, within: columns)
                for i in columns {
                    if i >= full.lowerBound && i <= full.upperBound {
                        window.add(sign, column: i, row: j)
                        continue
                    }
                    let left = ConvexClipping.clipAxis(scratch.row, count, into: scratch.temporary,
                                                       alongX: true, bound: Double(i) - 0.5, keepAbove: true)
                    let inPixel = ConvexClipping.clipAxis(scratch.temporary, left, into: scratch.pixel,
                                                          alongX: true, bound: Double(i) + 0.5, keepAbove: false)
                    let area = ConvexClipping.area(scratch.pixel, inPixel)
                    if area != 0 { window.add(sign * area, column: i, row: j) }
                }
            }
        }
    }
}

/// x-extent of a convex polygon clipped to a pixel-row strip, and the x-range over which it covers the strip's full height.
private struct StripExtent {
    var xMin = Double.infinity, xMax = -Double.infinity
    /// Empty (fullMin > fullMax) unless the polygon reaches both strip edges.
    var fullMin = Double.infinity, fullMax = -Double.infinity

    @inline(__always)
    init(_ p: UnsafePointer<ShapePoint>, _ count: Int, yLow: Double, yHigh: Double) {
        var bottomMin = Double.infinity, bottomMax = -Double.infinity, topMin = Double.infinity, topMax = -Double.infinity
        for k in 0..<count {
            let v = p[k]
            xMin = min(xMin, v.x); xMax = max(xMax, v.x)
            if v.y == yLow { bottomMin = min(bottomMin, v.x); bottomMax = max(bottomMax, v.x) }
            if v.y == yHigh { topMin = min(topMin, v.x); topMax = max(topMax, v.x) }
        }
        if bottomMin <= bottomMax && topMin <= topMax {
            fullMin = max(bottomMin, topMin)
            fullMax = min(bottomMax, topMax)
        }
    }
}
