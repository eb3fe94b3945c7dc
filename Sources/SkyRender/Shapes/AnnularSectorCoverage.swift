/// Exact coverage of an annular sector of span ≤ 180° (or a full annulus): the pixel square is clipped to the convex wedge,
/// then area = (outer disk ∩ polygon) − (inner disk ∩ polygon).
enum AnnularSectorCoverage {
    /// Adds sign × (area of the sector inside each pixel) to the window.
    static func accumulate(_ sector: AnnularSector, sign: Double, into window: inout CoverageWindow, scratch: ShapeClipScratch) {
        let span = sector.endDegrees - sector.startDegrees
        precondition(span <= 180 || span >= 360, "annular sector pieces must span ≤ 180° or a full turn")
        let box = sector.extent
        guard let rows = CoverageWindow.pixels(from: box.yMin, to: box.yMax, within: window.rows),
              let columns = CoverageWindow.pixels(from: box.xMin, to: box.xMax, within: window.columns) else { return }
        let hasWedge = span < 360
        let (startCos, startSin) = shapeCosSin(degrees: sector.startDegrees)
        let (endCos, endSin) = shapeCosSin(degrees: sector.endDegrees)
        // Kept side of each wedge edge: start × p ≥ 0 and p × end ≥ 0.
        let startNormal = ShapePoint(x: -startSin, y: startCos)
        let endNormal = ShapePoint(x: endSin, y: -endCos)
        let inner2 = sector.innerRadius * sector.innerRadius, outer2 = sector.outerRadius * sector.outerRadius
        let c = sector.center

        for j in rows {
            let y0 = Double(j) - 0.5 - c.y, y1 = y0 + 1
            let nearY = y0 > 0 ? y0 : (y1 < 0 ? y1 : 0), farY = max(-y0, y1)
            // Visit only pixels meeting the outer disk's chord across this row, skipping those wholly inside the hole.
            guard nearY * nearY < outer2 else { continue }
            let outerHalfChord = (outer2 - nearY * nearY).squareRoot()
            guard let rowColumns = CoverageWindow.pixels(from: c.x - outerHalfChord, to: c.x + outerHalfChord, within: columns) else { continue }
            let holeHalfChord = (max(inner2 - farY * farY, 0)).squareRoot()
            let hole = CoverageWindow.pixelsInside(from: c.x - holeHalfChord, to: c.x + holeHalfChord, within: rowColumns)
            for i in rowColumns where i < hole.lowerBound || i > hole.upperBound {
                let x0 = Double(i) - 0.5 - c.x, x1 = x0 + 1
                let nearX = x0 > 0 ? x0 : (x1 < 0 ? x1 : 0), farX = max(-x0, x1)
                let nearest2 = nearX * nearX + nearY * nearY, farthest2 = farX * farX + farY * farY
                if nearest2 >= outer2 || farthest2 <= inner2 { continue }
                var clipStart = false, clipEnd = false
                if hasWedge {
                    let s = range(of: startNormal, x0, x1, y0, y1), e = range(of: endNormal, x0, x1, y0, y1)
                    if s.max <= 0 || e.max <= 0 { continue }
                    clipStart = s.min < 0
                    clipEnd = e.min < 0
                }
                let insideOuter = farthest2 <= outer2, outsideInner = nearest2 >= inner2
                if !clipStart && !clipEnd && insideOuter && outsideInner {
                    window.add(sign, column: i, row: j)
                    continue
                }
                var polygon = scratch.pixel, count = 4
                polygon[0] = ShapePoint(x: x0, y: y0); polygon[1] = ShapePoint(x: x1, y: y0)
                polygon[2] = ShapePoint(x: x1, y: y1); polygon[3] = ShapePoint(x: x0, y: y1)
                var spare = scratch.temporary
                if clipStart {
                    count = ConvexClipping.clipHalfPlane(polygon, count, into: spare, normal: startNormal)
                    swap(&polygon, &spare)
                }
                if clipEnd {
                    count = ConvexClipping.clipHalfPlane(polygon, count, into: spare, normal: endNormal)
                    swap(&polygon, &spare)
                }
                guard count >= 3 else { continue }
                let outer = insideOuter ? ConvexClipping.area(polygon, count) : DiskClipArea.area(polygon, count, radiusSquared: outer2)
                let inner = outsideInner ? 0 : DiskClipArea.area(polygon, count, radiusSquared: inner2)
                let area = outer - inner
                if area != 0 { window.add(sign * area, column: i, row: j) }
            }
        }
    }

    /// Minimum and maximum of normal · p over the square [x0, x1] × [y0, y1].
    @inline(__always)
    private static func range(of n: ShapePoint, _ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> (min: Double, max: Double) {
        let xs = n.x >= 0 ? (n.x * x0, n.x * x1) : (n.x * x1, n.x * x0)
        let ys = n.y >= 0 ? (n.y * y0, n.y * y1) : (n.y * y1, n.y * y0)
        return (xs.0 + ys.0, xs.1 + ys.1)
    }
}
