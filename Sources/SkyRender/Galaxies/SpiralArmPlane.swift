import SkyScene

/// Cell integrals of a spiral's arm term a·D·(S − 1) on a real-space plane (flux per cell, unit disk flux).
///
/// A cell (at first a plane cell: a sub-pixel) is integrated by the `points` × `points` Gauss–Legendre product rule,
/// unless its point spacing exceeds half the arm pattern's finest scale at the cell's smallest face-on radius r
/// (`featureSlope` · r, never taken below `minimumSlope` · r) and it can hold more than `cellTolerance` of the disk
/// flux: then it is split into 2 × 2 sub-cells, recursively, at most `maxDepth` levels below the plane cell. The
/// pattern winds ever tighter toward the centre (its scale is proportional to r), so the cells around the centre are
/// always refined; the number of cells per level stays about π (2 / slope)², independent of the depth.
/// Gauss–Legendre (exact for polynomials of degree 2·points − 1) rather than midpoints, because cells of different
/// sizes meet: the midpoint rule's O(h²) errors cancel only on a uniform grid.
enum SpiralArmPlane {
    /// Gauss–Legendre points per cell side.
    static let points = 2
    /// Refinement levels below a plane cell.
    static let maxDepth = 8
    /// Cells whose arm term is bounded below this fraction of the disk flux are integrated, not refined.
    static let cellTolerance = 1e-11
    /// Pixels (of the stamp) whose arm term is bounded below this fraction of the disk flux are left at 0.
    static let pixelTolerance = 1e-8
    /// Arms finer than this fraction of their radius (very tight, narrow, many arms on a strongly inclined disk)
    /// are integrated as if they were this wide.
    static let minimumSlope = 0.02
    /// Integration points per finest scale of the pattern.
    static let samplesPerScale = 2.0

    /// The (W + 2m) × (H + 2m) plane of the arm term for unit disk flux, centred like the stamp of `image` (whose
    /// pixels may be sub-pixels of the real stamp: `pixelArea` is the real pixel's area, for the skip tolerance).
    static func render(_ pattern: SpiralArmPattern, image: ImageGeometry, margin: Int, pixelArea: Double) -> [Double] {
        let width = image.width + 2 * margin, height = image.height + 2 * margin
        let scale = image.pixelScale
        var plane = [Double](repeating: 0, count: width * height)
        let xStart = -(Double(image.width - 1) / 2 + Double(margin)) * scale - pattern.centerX
        let yStart = -(Double(image.height - 1) / 2 + Double(margin)) * scale - pattern.centerY
        let reach = scale * 0.5.squareRoot() * pattern.maxStretch
        let area = scale * scale
        let rule = GaussLegendre(points: points)
        let integrator = Integrator(pattern: pattern, offsets: rule.nodes.map { 0.5 * $0 }, weights: rule.weights.map { 0.5 * $0 })
        for j in 0..<height {
            let dy = yStart + Double(j) * scale
            for i in 0..<width {
                let dx = xStart + Double(i) * scale
                let rMin = max(0, pattern.faceOnRadius(dx: dx, dy: dy) - reach)
                guard pattern.armBound(radius: rMin) * pixelArea > pixelTolerance else { continue }
                plane[j * width + i] = integrator.mean(dx: dx, dy: dy, size: scale, depth: 0) * area
            }
        }
        return plane
    }

    struct Integrator {
        let pattern: SpiralArmPattern
        /// Gauss–Legendre points: positions in units of the cell side, from −½ to ½, and weights (summing to 1).
        let offsets: [Double]
        let weights: [Double]
        var slope: Double { max(pattern.featureSlope, SpiralArmPlane.minimumSlope) / SpiralArmPlane.samplesPerScale }

        /// Mean of the arm term over the square cell of side `size` centred at (dx, dy) arcsec from the galaxy centre.
        func mean(dx: Double, dy: Double, size: Double, depth: Int) -> Double {
            let rMin = max(0, pattern.faceOnRadius(dx: dx, dy: dy) - size * 0.5.squareRoot() * pattern.maxStretch)
            if depth < SpiralArmPlane.maxDepth, size / Double(offsets.count) > slope * rMin,
               pattern.armBound(radius: rMin) * size * size > SpiralArmPlane.cellTolerance {
                let k = 2, child = size / Double(k)
                let start = -0.5 * size + 0.5 * child
                var sum = 0.0
                for b in 0..<k {
                    for a in 0..<k {
                        sum += mean(dx: dx + start + Double(a) * child, dy: dy + start + Double(b) * child, size: child,
                                    depth: depth + 1)
                    }
                }
                return sum / Double(k * k)
            }
            var sum = 0.0
            for b in offsets.indices {
                let y = dy + offsets[b] * size
                var row = 0.0
                for a in offsets.indices {
                    row += weights[a] * pattern.armTerm(dx: dx + offsets[a] * size, dy: y)
                }
                sum += weights[b] * row
            }
            return sum
        }
    }
}
