import Foundation
import SkyScene
import Synchronization

/// Removes the light an FFT of period L = N·p wraps into the stamp from each object's periodic copies.
///
/// Far from an object (beyond the PSF core), galaxy ⊗ PSF ⊗ pixel is, to first order, the sum of the two tails:
/// F·(S(x) + M(x)) with S the unit-flux Sérsic surface brightness and M the unit-flux PSF; to second order each
/// tail is blurred by the other profile's second moments (FarField: ~10 % at the copies for an exponential disk
/// with r_e = 1.5″; the third order is ~10× smaller again). The wrapped light at a pixel is
/// Σ_{j≠0} F·A·far(x − x₀ + jL) (A the pixel area), summed ring by
/// ring until a ring adds a negligible amount; the first ring is evaluated on nodes every `nodeStep` pixels, the
/// farther rings (over 90 % of the copies, and smooth across the stamp) every `farNodeStep` pixels, and the sum is
/// interpolated quadratically in ln (the tails are smooth and nearly exponential or power-law across a stamp).
/// With this correction the FFT size rule lets `relaxation` times more light wrap (FFTSize), which shrinks the FFTs
/// ~3× in area for the galaxy benchmark; measured against GalSim the Validation table is unchanged within its
/// targets, and a Moffat star's stamp sum is within 1e-6 of the analytic integral (it was 1.5e-6 above it without
/// the correction). Used only for Gaussian and Moffat PSFs, whose tails are smooth; Airy and kernel PSFs keep the
/// strict rule.
enum WrapCorrection {
    /// Factor by which the wrap threshold of the FFT size rule is raised when the correction is applied.
    static let relaxation = 300.0
    /// Spacing of the evaluation nodes of the first ring of copies, pixels.
    static let nodeStep = 8
    /// Spacing of the evaluation nodes of the farther rings, pixels.
    static let farNodeStep = 32
    /// Most rings of copies summed.
    static let maxRings = 24

    /// Whether every band's PSF has a smooth analytic tail (Gaussian or Moffat).
    static func applies(to psfs: [PSFModel]) -> Bool {
        psfs.allSatisfy { psf in
            switch psf.description {
            case .gaussian, .moffat: return true
            default: return false
            }
        }
    }

    /// Whether the FFT size rule may take an object's reach as the larger of its galaxy and PSF radii (each at half
    /// the threshold) instead of their sum: when the correction applies and every PSF is a Gaussian or a Moffat with
    /// β ≥ 3, whose far field the second-order model follows closely (WrapAccuracyTests: the 64×64 stamps stay within
    /// 2e-6 of the peak and of the flux of a 320×320 render); for 2 < β < 3 the Moffat's heavy tail makes the
    /// expansion converge slowly, so those keep the sum.
    static func combinesExtentsByMaximum(_ psfs: [PSFModel]) -> Bool {
        applies(to: psfs) && psfs.allSatisfy { psf in
            if case .moffat(let beta, _) = psf.description { return beta >= 3 }
            return true
        }
    }

    /// One object: its centre (arcsec from the stamp centre), flux per band (e⁻) and Sérsic profile (nil: a point).
    struct Source {
        var x: Double
        var y: Double
        var flux: [Double]
        var profile: SersicProfile?
    }

    /// Subtracts the wrapped light of `sources` from `image` (B×H×W, band-major, e⁻ per pixel) for FFT size `size`.
    /// Rings are summed until a ring adds less than `tolerance` × the object's flux per pixel (or less than 1e-4 of
    /// the largest ring). Objects without flux in any band are skipped. The first ring is evaluated every `nodeStep`
    /// pixels; the farther rings, whose sum varies slowly across the stamp, every `farNodeStep` pixels.
    static func subtract(from image: inout [Float], sources: [Source], psfs: [PSFModel], size: Int, width: Int,
                         height: Int, pixelScale: Double, tolerance: Double) {
        let bands = psfs.count
        let near = NodeGrid.cached(width: width, height: height, step: nodeStep)
        let far = NodeGrid.cached(width: width, height: height, step: farNodeStep)
        // Wrapped light per band at every node, e⁻ per pixel: ring 1 on `near`, rings ≥ 2 on `far`.
        var nearWrap = [Double](repeating: 0, count: bands * near.count)
        var farWrap = [Double](repeating: 0, count: bands * far.count)
        let geometry = Geometry(width: width, height: height, pixelScale: pixelScale, period: Double(size) * pixelScale)
        for source in sources {
            guard let brightest = source.flux.max(), brightest > 0 else { continue }
            let field = FarField(profile: source.profile, psfs: psfs, pixelScale: pixelScale)
            var largestRing = 0.0
            for ring in 1...maxRings {
                let ringMax = ring == 1
                    ? addRing(ring, of: source, field: field, grid: near, geometry: geometry, into: &nearWrap)
                    : addRing(ring, of: source, field: field, grid: far, geometry: geometry, into: &farWrap)
                largestRing = max(largestRing, ringMax)
                if ringMax < 1e-4 * largestRing || ringMax < tolerance * brightest { break }
            }
        }
        let pixels = width * height
        for b in 0..<bands {
            // The far rings' sum, interpolated onto the near nodes.
            let farLogs = far.logs(of: farWrap[(b * far.count)..<((b + 1) * far.count)])
            var nearValues = Array(nearWrap[(b * near.count)..<((b + 1) * near.count)])
            for (iy, y) in near.y.enumerated() {
                for (ix, x) in near.x.enumerated() {
                    nearValues[iy * near.x.count + ix] += exp(far.interpolate(farLogs, x: x, y: y))
                }
            }
            let logs = near.logs(of: nearValues[...])
            image.withUnsafeMutableBufferPointer { image in
                near.withInterpolatedLogs(logs) { y, row in
                    // Single-precision branch-free exp (vectorises 8 wide; the correction is a float subtracted from
                    // a float), clamped below: a quadratic in ln may undershoot the nodes' floor (ln 1e-300).
                    let out = image.baseAddress! + b * pixels + y * width
                    for x in 0..<width { out[x] -= laneExp(Float(row[x])) }
                }
            }
        }
    }

    /// Pixel and period sizes of the stamp being corrected.
    private struct Geometry {
        var width: Int
        var height: Int
        /// Arcsec per pixel.
        var pixelScale: Double
        /// Period L = N·p of the FFT image, arcsec.
        var period: Double
    }

    /// Adds the copies of `source` on ring `ring` (max(|jx|, |jy|) = ring) at the nodes of `grid` into `wrapped`
    /// (band-major); returns the largest value added at a node, e⁻ per pixel. Each copy adds the source's `field`,
    /// the far field of galaxy ⊗ PSF ⊗ pixel to second order, evaluated for a chunk of copies' nodes at a time (so
    /// the PSF tails' loops vectorise); each node still sums its copies in the ring's order.
    private static func addRing(_ ring: Int, of source: Source, field: FarField, grid: NodeGrid, geometry: Geometry,
                                into wrapped: inout [Double]) -> Double {
        let area = geometry.pixelScale * geometry.pixelScale
        var copies: [(x: Int, y: Int)] = []
        for jy in -ring...ring {
            for jx in -ring...ring where max(abs(jx), abs(jy)) == ring { copies.append((jx, jy)) }
        }
        let nodes = grid.count, perChunk = max(1, FarField.chunkPoints / nodes), stride = perChunk * nodes
        var ringMax = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: (2 + FarField.scratchArrays) * stride) { buffer in
            let x = buffer.baseAddress!, y = x + stride, scratch = y + stride
            for start in Swift.stride(from: 0, to: copies.count, by: perChunk) {
                let chunk = copies[start..<min(start + perChunk, copies.count)]
                var point = 0
                for (jx, jy) in chunk {
                    for yn in grid.y {
                        let dy = (Double(yn) - Double(geometry.height - 1) / 2) * geometry.pixelScale - source.y
                            + Double(jy) * geometry.period
                        for xn in grid.x {
                            x[point] = (Double(xn) - Double(geometry.width - 1) / 2) * geometry.pixelScale - source.x
                                + Double(jx) * geometry.period
                            y[point] = dy
                            point += 1
                        }
                    }
                }
                field.unitFlux(x: x, y: y, count: point, scratch: scratch, stride: stride) { b, unitFlux in
                    let flux = source.flux[b]
                    // The ring's largest magnitude (its values are ≥ 0: fluxes and far fields are) from the bit
                    // patterns, which for non-negative Doubles order as the values: an integer maximum vectorises,
                    // where `max` on Doubles (NaN rules) kept this loop scalar, each comparison waiting on the last
                    // (~4 % of a galaxy-n-fixed sample).
                    var largestBits: UInt64 = 0
                    wrapped.withUnsafeMutableBufferPointer { wrapped in
                        let out = wrapped.baseAddress! + b * nodes
                        for copy in 0..<chunk.count {
                            let unit = unitFlux + copy * nodes
                            for node in 0..<nodes {
                                let value = flux * area * unit[node]
                                out[node] += value
                                largestBits = max(largestBits, value.magnitude.bitPattern)
                            }
                        }
                    }
                    ringMax = max(ringMax, Double(bitPattern: largestBits))
                }
            }
        }
        return ringMax
    }

    /// The far field of one object's unit-flux galaxy ⊗ PSF ⊗ pixel in every band, per arcsec²: the two tails
    /// S + M plus the second-order terms ½(σ²_M + σ²_p)∇²S (the galaxy tail blurred by PSF and pixel) and
    /// ½(Q_S + σ²_p I):∇∇M (the PSF tail blurred by the galaxy's second moments Q_S and the pixel), σ²_p = p²/12.
    /// The second-order part is kept within [−½, 1] × the first order (it is a few per cent where copies lie).
    private struct FarField {
        let profile: SersicProfile?
        let tails: [SmoothPSFIntensity]
        /// Per band σ²_M + σ²_p, arcsec² (σ²_M taken as 0 for a Moffat with β ≤ 2).
        let galaxyBlur: [Double]
        /// Q_S + σ²_p I, arcsec².
        let qxx: Double, qxy: Double, qyy: Double

        /// Points evaluated per pass (at least one copy's nodes), and the scratch arrays `unitFlux` needs per point.
        static let chunkPoints = 1024, scratchArrays = 9

        init(profile: SersicProfile?, psfs: [PSFModel], pixelScale: Double) {
            self.profile = profile
            tails = psfs.map { SmoothPSFIntensity($0)! }  // applies(to:) admits only these
            let pixel = pixelScale * pixelScale / 12
            galaxyBlur = tails.map { ($0.axisVariance ?? 0) + pixel }
            let q = profile?.secondMoments ?? (xx: 0, xy: 0, yy: 0)
            (qxx, qxy, qyy) = (q.xx + pixel, q.xy, q.yy + pixel)
        }

        /// The field at the points (x[i], y[i]) arcsec, i < count, band by band: body(b, values) with values[i] per
        /// arcsec². `scratch` holds `scratchArrays` arrays of `stride` ≥ count Doubles.
        func unitFlux(x: UnsafePointer<Double>, y: UnsafePointer<Double>, count: Int, scratch: UnsafeMutablePointer<Double>,
                      stride: Int, _ body: (Int, UnsafePointer<Double>) -> Void) {
            let r = scratch, along = r + stride, across = along + stride, galaxy = across + stride
            let galaxyLaplacian = galaxy + stride, value = galaxyLaplacian + stride, first = value + stride
            let second = first + stride, t = second + stride
            if let profile {
                profile.intensitiesAndLaplacians(x: x, y: y, count: count, values: galaxy, laplacians: galaxyLaplacian)
            } else {
                for i in 0..<count {
                    galaxy[i] = 0
                    galaxyLaplacian[i] = 0
                }
            }
            for i in 0..<count {
                let xi = x[i], yi = y[i]
                let ri = laneSqrt(xi * xi + yi * yi)
                let ux = ri > 0 ? xi / ri : 1, uy = ri > 0 ? yi / ri : 0
                let a = ux * ux * qxx + 2 * ux * uy * qxy + uy * uy * qyy  // ûᵀQû
                r[i] = ri
                along[i] = a
                across[i] = qxx + qyy - a
            }
            for b in 0..<tails.count {
                tails[b].derivatives(r: r, count: count, value: value, first: first, second: second, scratch: t)
                let blur = galaxyBlur[b]
                for i in 0..<count {
                    let ri = r[i]
                    let firstOrder = galaxy[i] + value[i]
                    let secondOrder = 0.5 * blur * galaxyLaplacian[i]
                        + 0.5 * (second[i] * along[i] + (ri > 0 ? first[i] / ri : second[i]) * across[i])
                    value[i] = firstOrder + min(max(secondOrder, -0.5 * firstOrder), firstOrder)
                }
                body(b, value)
            }
        }
    }

    /// Nodes every `step` pixels along each axis (and always the last pixel), with quadratic Lagrange interpolation
    /// of ln values between them.
    private struct NodeGrid: Sendable {
        private struct Key: Hashable {
            var width: Int, height: Int, step: Int
        }
        /// Grids made so far (a few stamp shapes per scene).
        private static let cache = Mutex<[Key: NodeGrid]>([:])

        /// The grid for a stamp shape and node step, built once.
        static func cached(width: Int, height: Int, step: Int) -> NodeGrid {
            let key = Key(width: width, height: height, step: step)
            if let grid = cache.withLock({ $0[key] }) { return grid }
            let grid = NodeGrid(width: width, height: height, step: step)
            cache.withLock { cache in
                if cache.count >= 64 { cache.removeAll() }  // bounded: stamp shapes rarely vary
                cache[key] = grid
            }
            return grid
        }

        let x: [Int]
        let y: [Int]
        /// Per pixel column (row), the three stencil nodes (clamped) and their weights (0 for padding).
        let xStencil: Stencils
        let yStencil: Stencils

        init(width: Int, height: Int, step: Int) {
            x = WrapCorrection.nodes(count: width, step: step)
            y = WrapCorrection.nodes(count: height, step: step)
            xStencil = Stencils(pixels: width, nodes: x)
            yStencil = Stencils(pixels: height, nodes: y)
        }

        var count: Int { x.count * y.count }

        /// ln of node values, floored at 1e-300; never above the largest (an interpolant may not overshoot it).
        func logs(of values: ArraySlice<Double>) -> (values: [Double], largest: Double) {
            let logs = values.map { log(max($0, 1e-300)) }
            return (logs, logs.max() ?? 0)
        }

        /// The interpolated ln value at pixel (px, py).
        func interpolate(_ logs: (values: [Double], largest: Double), x px: Int, y py: Int) -> Double {
            var value = 0.0
            for a in 0..<3 {
                let row = yStencil.node[3 * py + a] * x.count
                for c in 0..<3 {
                    value += yStencil.weight[3 * py + a] * xStencil.weight[3 * px + c] * logs.values[row + xStencil.node[3 * px + c]]
                }
            }
            return min(value, logs.largest)
        }

        /// Calls `body(y, row)` for every pixel row with the interpolated ln values of that row (`width` Doubles;
        /// separably: along x on every node row, then along y).
        func withInterpolatedLogs(_ logs: (values: [Double], largest: Double),
                                  _ body: (Int, UnsafePointer<Double>) -> Void) {
            let width = xStencil.pixels, largest = logs.largest
            var nodeRows = [Double](repeating: 0, count: y.count * width)
            for a in 0..<y.count {
                for px in 0..<width {
                    let s = 3 * px, base = a * x.count
                    nodeRows[a * width + px] = xStencil.weight[s] * logs.values[base + xStencil.node[s]]
                        + xStencil.weight[s + 1] * logs.values[base + xStencil.node[s + 1]]
                        + xStencil.weight[s + 2] * logs.values[base + xStencil.node[s + 2]]
                }
            }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { buffer in
                let row = buffer.baseAddress!
                nodeRows.withUnsafeBufferPointer { nodeRows in
                    for py in 0..<yStencil.pixels {
                        let s = 3 * py
                        let w0 = yStencil.weight[s], w1 = yStencil.weight[s + 1], w2 = yStencil.weight[s + 2]
                        let r0 = nodeRows.baseAddress! + yStencil.node[s] * width
                        let r1 = nodeRows.baseAddress! + yStencil.node[s + 1] * width
                        let r2 = nodeRows.baseAddress! + yStencil.node[s + 2] * width
                        for px in 0..<width {
                            let value = w0 * r0[px] + w1 * r1[px] + w2 * r2[px]
                            row[px] = value < largest ? value : largest
                        }
                        body(py, row)
                    }
                }
            }
        }
    }

    /// Quadratic Lagrange stencils along one axis: for pixel p, nodes node[3p..3p+2] with weights weight[3p..3p+2].
    private struct Stencils: Sendable {
        let pixels: Int
        var node: [Int] = []
        var weight: [Double] = []

        init(pixels: Int, nodes: [Int]) {
            self.pixels = pixels
            node.reserveCapacity(3 * pixels)
            weight.reserveCapacity(3 * pixels)
            for p in 0..<pixels {
                let (first, weights) = WrapCorrection.interpolation(at: p, nodes: nodes)
                for c in 0..<3 {
                    node.append(min(first + c, nodes.count - 1))
                    weight.append(c < weights.count ? weights[c] : 0)
                }
            }
        }
    }

    /// Quadratic Lagrange interpolation at pixel `p` from the three nearest nodes (fewer when there are fewer):
    /// the first node's index and the weights.
    private static func interpolation(at p: Int, nodes: [Int]) -> (first: Int, weights: [Double]) {
        let order = min(3, nodes.count)
        var nearest = 0
        for i in nodes.indices where abs(nodes[i] - p) < abs(nodes[nearest] - p) { nearest = i }
        let first = min(max(nearest - 1, 0), nodes.count - order)
        var weights = [Double](repeating: 1, count: order)
        for a in 0..<order {
            for c in 0..<order where c != a {
                weights[a] *= Double(p - nodes[first + c]) / Double(nodes[first + a] - nodes[first + c])
            }
        }
        return (first, weights)
    }

    /// Node positions 0, step, 2·step, …, and always the last pixel.
    private static func nodes(count: Int, step: Int) -> [Int] {
        var result = Array(stride(from: 0, to: count - 1, by: step))
        result.append(count - 1)
        return result
    }
}
