/// The source-plane position β = θ − α(θ) (arcsec) of every sub-pixel ray of a W×H stamp, computed once and reused
/// for any number of sources and bands.
public struct DeflectionGrid: Sendable {
    public let width: Int
    public let height: Int
    /// Pixel scale (arcsec per pixel).
    public let pixelScale: Double
    /// Rays per pixel side.
    public let supersample: Int
    /// β_x of each ray (arcsec), pixel-major: index ((j·W + i)·s + l)·s + k for sub-row l, sub-column k.
    public let sourceX: [Double]
    /// β_y of each ray (arcsec), same order as `sourceX`.
    public let sourceY: [Double]

    /// Shoots the rays of a W×H stamp with pixel scale `pixelScale` (arcsec) and s×s rays per pixel through `lens`.
    public init(lens: LensModel, width: Int, height: Int, pixelScale: Double, supersample: Int) {
        let prepared = PreparedLens(lens)
        let count = width * height * supersample * supersample
        var bx = [Double](repeating: 0, count: count)
        var by = [Double](repeating: 0, count: count)
        bx.withUnsafeMutableBufferPointer { xs in
            by.withUnsafeMutableBufferPointer { ys in
                StampRays.forEach(width: width, height: height, pixelScale: pixelScale, supersample: supersample) { index, x, y in
                    let beta = prepared.source(x: x, y: y)
                    xs[index] = beta.x
                    ys[index] = beta.y
                }
            }
        }
        self.init(width: width, height: height, pixelScale: pixelScale, supersample: supersample, sourceX: bx, sourceY: by)
    }

    /// The unlensed grid: β = θ, the rays' own positions.
    public static func unlensed(width: Int, height: Int, pixelScale: Double, supersample: Int) -> DeflectionGrid {
        DeflectionGrid(lens: LensModel(deflectors: []), width: width, height: height, pixelScale: pixelScale, supersample: supersample)
    }

    private init(width: Int, height: Int, pixelScale: Double, supersample: Int, sourceX: [Double], sourceY: [Double]) {
        self.width = width
        self.height = height
        self.pixelScale = pixelScale
        self.supersample = supersample
        self.sourceX = sourceX
        self.sourceY = sourceY
    }

    /// The image of `source` seen through this grid (row-major [j·W + i]), flux per pixel for unit intrinsic flux:
    /// the mean of the s×s rays' surface brightness times the pixel area.
    public func image(of source: SersicLight) -> [Double] {
        let light = PreparedSersic(source)
        let rays = supersample * supersample
        let weight = pixelScale * pixelScale / Double(rays)
        var image = [Double](repeating: 0, count: width * height)
        sourceX.withUnsafeBufferPointer { xs in
            sourceY.withUnsafeBufferPointer { ys in
                image.withUnsafeMutableBufferPointer { out in
                    var index = 0
                    for p in 0..<out.count {
                        var sum = 0.0
                        for _ in 0..<rays {
                            sum += light.value(x: xs[index], y: ys[index])
                            index += 1
                        }
                        out[p] = sum * weight
                    }
                }
            }
        }
        return image
    }
}
