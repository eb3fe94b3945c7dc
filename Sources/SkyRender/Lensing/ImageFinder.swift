/// Multiple images of a point source: every triangle of a fine image-plane grid is mapped to the source plane; each
/// triangle containing β seeds a Newton solve of θ − α(θ) = β, and the solutions are merged.
enum ImageFinder {
    /// Image positions (arcsec) of a point source at β within `radius` of the stamp centre, on a grid of `cells`² cells.
    /// `wholeGrid` maps and tests every cell, without the two shortcuts below (the reference the tests compare with).
    static func images(lens: PreparedLens, betaX: Double, betaY: Double, radius: Double, cells: Int,
                       wholeGrid: Bool = false) -> [(x: Double, y: Double)] {
        precondition(radius > 0 && cells > 1, "invalid search radius \(radius) or grid \(cells)")
        let h = 2 * radius / Double(cells)
        let side = cells + 1
        // Only cells within `reach` of the stamp centre can hold a seed (`imageBound`); the others are neither mapped
        // nor tested, which leaves the seeds (and so the images) exactly those of the whole grid.
        let reach = wholeGrid ? .infinity : lens.imageBound(betaX: betaX, betaY: betaY).map { $0 * (1 + 1e-6) + 1e-9 } ?? .infinity
        let columns = (0..<cells).map { b in cellColumns(row: b, radius: radius, h: h, cells: cells, reach: reach) }
        var sx = [Double](repeating: .nan, count: side * side)
        var sy = [Double](repeating: .nan, count: side * side)
        var thetaX = [Double](repeating: 0, count: side), thetaY = [Double](repeating: 0, count: side)
        for b in 0..<side {
            // The corners of the cells in the rows below and above this line of vertices.
            let below = b > 0 ? columns[b - 1] : 0..<0, above = b < cells ? columns[b] : 0..<0
            let lower = min(below.isEmpty ? side : below.lowerBound, above.isEmpty ? side : above.lowerBound)
            let upper = max(below.isEmpty ? 0 : below.upperBound + 1, above.isEmpty ? 0 : above.upperBound + 1)
            guard upper > lower else { continue }
            for a in lower..<upper {
                thetaX[a - lower] = -radius + Double(a) * h
                thetaY[a - lower] = -radius + Double(b) * h
            }
            let first = b * side + lower
            sx.withUnsafeMutableBufferPointer { bx in
                sy.withUnsafeMutableBufferPointer { by in
                    lens.sources(atX: thetaX, y: thetaY, intoX: bx.baseAddress! + first, y: by.baseAddress! + first,
                                 count: upper - lower)
                }
            }
            for v in first..<(first + upper - lower) {
                sx[v] -= betaX
                sy[v] -= betaY
            }
        }
        let singular = lens.singularities
        var seeds: [(x: Double, y: Double)] = []
        for b in 0..<cells {
            for a in columns[b] {
                let x0 = -radius + Double(a) * h, y0 = -radius + Double(b) * h
                let v00 = b * side + a, v10 = v00 + 1, v01 = v00 + side, v11 = v01 + 1
                // Neither triangle can hold the origin when all four corners lie beyond it on one side (weights ≥ −1e-12).
                if !wholeGrid,
                   excludesOrigin(sx[v00], sx[v10], sx[v01], sx[v11]) || excludesOrigin(sy[v00], sy[v10], sy[v01], sy[v11]) {
                    continue
                }
                // The map is discontinuous across a singular centre: skip the cell holding it.
                let pad = 1e-12 * h
                if singular.contains(where: { $0.x >= x0 - pad && $0.x <= x0 + h + pad && $0.y >= y0 - pad && $0.y <= y0 + h + pad }) {
                    continue
                }
                for half in 0..<2 {  // triangles (v00, v10, v11) and (v00, v11, v01)
                    let p = v00, q = half == 0 ? v10 : v11, r = half == 0 ? v11 : v01
                    guard let w = barycentric(sx[p], sy[p], sx[q], sy[q], sx[r], sy[r]) else { continue }
                    let pos = [position(p, side, radius, h), position(q, side, radius, h), position(r, side, radius, h)]
                    seeds.append((w.0 * pos[0].x + w.1 * pos[1].x + w.2 * pos[2].x,
                                  w.0 * pos[0].y + w.1 * pos[1].y + w.2 * pos[2].y))
                }
            }
        }
        let tolerance = 1e-11 * max(radius, 1)
        var solved: [(x: Double, y: Double)] = []
        var rough: [(x: Double, y: Double)] = []
        for seed in seeds {
            if let root = newton(lens: lens, betaX: betaX, betaY: betaY, start: seed, step: 1e-4 * h, tolerance: tolerance) {
                solved.append(root)
            } else if !singular.contains(where: { distance($0, seed) < 3 * h }) {
                rough.append(seed)
            }
        }
        var images: [(x: Double, y: Double)] = []
        let merge = 1e-6 * max(radius, 1)
        for root in solved where (root.x * root.x + root.y * root.y).squareRoot() <= radius {
            if singular.contains(where: { distance($0, root) < merge }) { continue }
            if !images.contains(where: { distance($0, root) < merge }) { images.append(root) }
        }
        for seed in rough where (seed.x * seed.x + seed.y * seed.y).squareRoot() <= radius {
            if !images.contains(where: { distance($0, seed) < 2 * h }) { images.append(seed) }
        }
        return images
    }

    /// The cells of row b whose square comes within `reach` of the stamp centre, widened by one cell each side.
    private static func cellColumns(row b: Int, radius: Double, h: Double, cells: Int, reach: Double) -> Range<Int> {
        guard reach.isFinite else { return 0..<cells }
        let y0 = -radius + Double(b) * h
        let dy = max(y0, 0, -(y0 + h))
        guard dy <= reach else { return 0..<0 }
        let half = min((reach * reach - dy * dy).squareRoot(), 2 * radius)  // cells reaching x ∈ [−half, half]
        let first = max(0, Int(((radius - half) / h - 1).rounded(.down)) - 1)
        let last = min(cells - 1, Int(((radius + half) / h).rounded(.up)) + 1)
        return first <= last ? first..<(last + 1) : 0..<0
    }

    private static func position(_ v: Int, _ side: Int, _ radius: Double, _ h: Double) -> (x: Double, y: Double) {
        (-radius + Double(v % side) * h, -radius + Double(v / side) * h)
    }

    private static func distance(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// True when the four corner values all exceed 1e-6 of their largest magnitude with one sign: then every weight
    /// combination with weights ≥ −1e-12 summing to 1 stays away from 0.
    @inline(__always)
    private static func excludesOrigin(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Bool {
        let low = min(min(a, b), min(c, d)), high = max(max(a, b), max(c, d))
        let margin = 1e-6 * max(abs(low), abs(high))
        return low > margin || high < -margin
    }

    /// Barycentric weights of the origin in the triangle (A, B, C), or nil if it lies outside or the triangle is degenerate.
    private static func barycentric(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> (Double, Double, Double)? {
        let area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        guard area != 0, area.isFinite else { return nil }
        let wa = (bx * cy - by * cx) / area
        let wb = (cx * ay - cy * ax) / area
        let wc = (ax * by - ay * bx) / area
        let slack = -1e-12
        guard wa >= slack, wb >= slack, wc >= slack else { return nil }
        return (wa, wb, wc)
    }

    /// Damped Newton iteration on β(θ) − β = 0 with a central-difference Jacobian; nil if it does not converge.
    private static func newton(lens: PreparedLens, betaX: Double, betaY: Double, start: (x: Double, y: Double),
                               step d: Double, tolerance: Double) -> (x: Double, y: Double)? {
        func residual(_ x: Double, _ y: Double) -> (Double, Double) {
            let s = lens.source(x: x, y: y)
            return (s.x - betaX, s.y - betaY)
        }
        var x = start.x, y = start.y
        var r = residual(x, y)
        for _ in 0..<60 {
            let norm = (r.0 * r.0 + r.1 * r.1).squareRoot()
            if norm < tolerance { return (x, y) }
            let px = residual(x + d, y), mx = residual(x - d, y)
            let py = residual(x, y + d), my = residual(x, y - d)
            let j11 = (px.0 - mx.0) / (2 * d), j21 = (px.1 - mx.1) / (2 * d)
            let j12 = (py.0 - my.0) / (2 * d), j22 = (py.1 - my.1) / (2 * d)
            let det = j11 * j22 - j12 * j21
            guard det != 0, det.isFinite else { return nil }
            let dx = -(j22 * r.0 - j12 * r.1) / det
            let dy = -(-j21 * r.0 + j11 * r.1) / det
            var t = 1.0
            var accepted = false
            for _ in 0..<30 {
                let trial = residual(x + t * dx, y + t * dy)
                if (trial.0 * trial.0 + trial.1 * trial.1).squareRoot() < norm {
                    x += t * dx; y += t * dy; r = trial
                    accepted = true
                    break
                }
                t /= 2
            }
            if !accepted { return nil }
        }
        return (r.0 * r.0 + r.1 * r.1).squareRoot() < tolerance ? (x, y) : nil
    }
}

extension LensModel {
    /// Image positions (arcsec) of a point source at (βx, βy) arcsec within `searchRadius` arcsec of the stamp centre
    /// (images at a deflector's singular centre are not counted); `gridCells` cells per side of the search square.
    public func imagePositions(sourceX: Double, sourceY: Double, searchRadius: Double, gridCells: Int = 400) -> [(x: Double, y: Double)] {
        ImageFinder.images(lens: PreparedLens(self), betaX: sourceX, betaY: sourceY, radius: searchRadius, cells: gridCells)
    }

    /// Number of images of a point source at (βx, βy), found robustly (by mapping each triangle of a fine grid of the image plane to the source plane and counting triangles containing β, then merging neighbours), within a given search radius.
    public func imageCount(sourceX: Double, sourceY: Double, searchRadius: Double) -> Int {
        imagePositions(sourceX: sourceX, sourceY: sourceY, searchRadius: searchRadius).count
    }
}
