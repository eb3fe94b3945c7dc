/// The sub-pixel rays of a W×H stamp (`StampRays`) seen through a lens: each ray lands at β = θ − α(θ) (arcsec) in
/// the source plane. Rays are shot one pixel row at a time and used at once, so an image needs a few kilobytes of
/// buffers rather than the whole grid's positions (which for a 82×82 stamp at s = 3 were ~1 MB per image, paid in
/// page faults).
public struct DeflectionGrid: Sendable {
    public let width: Int
    public let height: Int
    /// Pixel scale (arcsec per pixel).
    public let pixelScale: Double
    /// Rays per pixel side.
    public let supersample: Int
    let lens: PreparedLens

    /// The rays of a W×H stamp with pixel scale `pixelScale` (arcsec) and s×s rays per pixel through `lens`.
    public init(lens: LensModel, width: Int, height: Int, pixelScale: Double, supersample: Int) {
        precondition(width > 0 && height > 0 && supersample > 0 && pixelScale > 0,
                     "invalid stamp \(width)×\(height), scale \(pixelScale), supersample \(supersample)")
        self.width = width
        self.height = height
        self.pixelScale = pixelScale
        self.supersample = supersample
        self.lens = PreparedLens(lens)
    }

    /// The unlensed grid: β = θ, the rays' own positions.
    public static func unlensed(width: Int, height: Int, pixelScale: Double, supersample: Int) -> DeflectionGrid {
        DeflectionGrid(lens: LensModel(deflectors: []), width: width, height: height, pixelScale: pixelScale, supersample: supersample)
    }

    /// Rays per pixel row (W·s²).
    var raysPerRow: Int { width * supersample * supersample }

    /// β (arcsec) of the rays of pixel row j in storage order, index (i·s + l)·s + k for pixel i, sub-row l,
    /// sub-column k.
    public func sources(row j: Int) -> (x: [Double], y: [Double]) {
        let n = raysPerRow
        var scratch = [Double](repeating: 0, count: 4 * n)  // θ_x, θ_y, β_x, β_y
        scratch.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            shoot(row: j, theta: (base, base + n), into: (base + 2 * n, base + 3 * n))
        }
        return (Array(scratch[(2 * n)..<(3 * n)]), Array(scratch[(3 * n)...]))
    }

    /// Writes β of row j's rays into `beta`, using `theta` for the rays' own positions (each W·s² long).
    private func shoot(row j: Int, theta: (x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>),
                       into beta: (x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>)) {
        StampRays.row(j, width: width, height: height, pixelScale: pixelScale, supersample: supersample, x: theta.x, y: theta.y)
        lens.sources(atX: theta.x, y: theta.y, intoX: beta.x, y: beta.y, count: raysPerRow)
    }

    /// The image of `source` seen through this grid (row-major [j·W + i]), flux per pixel for unit intrinsic flux:
    /// the mean of the s×s rays' surface brightness times the pixel area.
    public func image(of source: SersicLight) -> [Double] {
        let light = PreparedSersic(source)
        let rays = supersample * supersample
        let weight = pixelScale * pixelScale / Double(rays)
        let n = raysPerRow
        // θ_x, θ_y, β_x, β_y and the surface brightness of one row's rays.
        var scratch = [Double](repeating: 0, count: 5 * n)
        var image = [Double](repeating: 0, count: width * height)
        scratch.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let values = base + 4 * n
            for j in 0..<height {
                shoot(row: j, theta: (base, base + n), into: (base + 2 * n, base + 3 * n))
                light.values(atX: base + 2 * n, y: base + 3 * n, into: values, count: n)
                for i in 0..<width {
                    var sum = 0.0
                    for ray in (i * rays)..<((i + 1) * rays) { sum += values[ray] }
                    image[j * width + i] = sum * weight
                }
            }
        }
        return image
    }
}
