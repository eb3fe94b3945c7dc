/// Exact coverage of a rotated ellipse: the inverse linear map sends the ellipse to the unit disk and each pixel square to a
/// parallelogram, whose exact intersection area with the disk is scaled back by the Jacobian a·b.
struct EllipseCoverage {
    let center: ShapePoint
    let semiMajor: Double, semiMinor: Double
    /// Implicit form A x² + B x y + C y² ≤ 1 about the centre.
    private let a2: Double, b1: Double, c2: Double
    /// Half-extents of the bounding box, and the y offsets (from the centre) of the leftmost and rightmost points.
    private let halfWidth: Double, halfHeight: Double, leftmostY: Double
    /// Images of the pixel edge vectors (1, 0) and (0, 1) in unit-disk coordinates.
    private let unitX: ShapePoint, unitY: ShapePoint

    /// Ellipse with semi-axes in pixels, major axis at angle (cos, sin) from +x, centred at `center` (pixel coordinates).
    init(center: ShapePoint, semiMajor a: Double, semiMinor b: Double, cos c: Double, sin s: Double) {
        self.center = center
        semiMajor = a
        semiMinor = b
        a2 = c * c / (a * a) + s * s / (b * b)
        b1 = 2 * c * s * (1 / (a * a) - 1 / (b * b))
        c2 = s * s / (a * a) + c * c / (b * b)
        halfWidth = ((a * c) * (a * c) + (b * s) * (b * s)).squareRoot()
        halfHeight = ((a * s) * (a * s) + (b * c) * (b * c)).squareRoot()
        leftmostY = b1 * halfWidth / (2 * c2)
        unitX = ShapePoint(x: c / a, y: -s / b)
        unitY = ShapePoint(x: s / a, y: c / b)
    }

    /// Left and right x offsets (from the centre) of the ellipse at height offset y, |y| ≤ halfHeight.
    @inline(__always)
    private func chord(_ y: Double) -> (left: Double, right: Double) {
        let discriminant = max(4 * a2 - 4 * y * y / (semiMajor * semiMajor * semiMinor * semiMinor), 0)
        let root = discriminant.squareRoot()
        return ((-b1 * y - root) / (2 * a2), (-b1 * y + root) / (2 * a2))
    }

    /// Adds sign × (area of the ellipse inside each pixel) to the window.
    func accumulate(sign: Double, into window: inout CoverageWindow) {
        guard let rows = CoverageWindow.pixels(from: center.y - halfHeight, to: center.y + halfHeight, within: window.rows) else { return }
        let jacobian = semiMajor * semiMinor
        for j in rows {
            let yLow = Double(j) - 0.5 - center.y, yHigh = yLow + 1
            let y0 = max(yLow, -halfHeight), y1 = min(yHigh, halfHeight)
            guard y0 <= y1 else { continue }
            let bottom = chord(y0), top = chord(y1)
            // The left boundary is convex in y and the right one concave: extremes are at the strip edges or the tangent points.
            let xMin = (y0...y1).contains(leftmostY) ? -halfWidth : min(bottom.left, top.left)
            let xMax = (y0...y1).contains(-leftmostY) ? halfWidth : max(bottom.right, top.right)
            guard let columns = CoverageWindow.pixels(from: center.x + xMin, to: center.x + xMax, within: window.columns) else { continue }
            var full = (lowerBound: 1, upperBound: 0)
            if y0 == yLow && y1 == yHigh {
                full = CoverageWindow.pixelsInside(from: center.x + max(bottom.left, top.left), to: center.x + min(bottom.right, top.right),
                                                   within: columns)
            }
            for i in columns {
                if i >= full.lowerBound && i <= full.upperBound {
                    window.add(sign, column: i, row: j)
                    continue
                }
                let corner = ShapePoint(x: Double(i) - 0.5 - center.x, y: yLow)
                let u0 = ShapePoint(x: unitX.x * corner.x + unitY.x * corner.y, y: unitX.y * corner.x + unitY.y * corner.y)
                let area = jacobian * DiskClipArea.unitDiskParallelogramArea(corner: u0, unitX, unitY)
                if area != 0 { window.add(sign * area, column: i, row: j) }
            }
        }
    }
}
