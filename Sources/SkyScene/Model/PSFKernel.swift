import Foundation

/// A pixelised PSF read from a file (NumPy .npy or an HDF5 dataset): the PSF's surface brightness sampled at the
/// centres of a W×H grid of `pixelScale` arcsec, centred on ((W−1)/2, (H−1)/2) kernel pixels, normalised to unit
/// sum. Rendering interpolates it with GalSim's Quintic interpolant (GalSim `InterpolatedImage(x_interpolant=
/// 'quintic')` with the image's true centre).
///
/// Identity: the kernel is a cache key and goes into every sample's truth. Its JSON holds the file as written, the
/// dataset, the pixel scale, the size, the recentring, the measured FWHM and the SHA-256 of the file, not the
/// values (a decoded kernel has no values). Equality and hashing use the same identity plus the values.
public struct PSFKernel: Sendable, Hashable, Codable {
    /// The file as the scene wrote it (relative to the scene file's folder).
    public var file: String
    /// The HDF5 dataset path (nil for .npy files).
    public var dataset: String?
    /// Arcsec per kernel pixel.
    public var pixelScale: Double
    /// Columns (x) of the kernel.
    public var width: Int
    /// Rows (y) of the kernel.
    public var height: Int
    /// Shift the kernel so that its centroid sits on its centre (applied as a Fourier phase).
    public var recentre: Bool
    /// Lower-case hexadecimal SHA-256 of the kernel file's bytes.
    public var sha256: String
    /// FWHM in arcsec measured on the kernel: the diameter of the circle whose area equals the area where the
    /// (bilinearly interpolated, 4× sub-sampled) kernel exceeds half its maximum.
    public var fwhm: Double
    /// Row-major values (y major), normalised to unit sum; empty for a kernel decoded from a dataset's truth.
    public var values: [Double]

    public init(file: String, dataset: String?, pixelScale: Double, width: Int, height: Int, recentre: Bool,
                sha256: String, values: [Double]) {
        precondition(values.count == width * height, "kernel values do not match its size")
        self.file = file
        self.dataset = dataset
        self.pixelScale = pixelScale
        self.width = width
        self.height = height
        self.recentre = recentre
        self.sha256 = sha256
        self.values = values
        fwhm = PSFKernel.measureFWHM(values, width: width, height: height, pixelScale: pixelScale)
    }

    /// The centroid of the values in kernel pixels, relative to the kernel centre ((W−1)/2, (H−1)/2).
    public var centroid: (x: Double, y: Double) {
        var sx = 0.0, sy = 0.0, total = 0.0
        for j in 0..<height {
            for i in 0..<width {
                let v = values[j * width + i]
                sx += v * Double(i)
                sy += v * Double(j)
                total += v
            }
        }
        guard total != 0 else { return (0, 0) }
        return (sx / total - Double(width - 1) / 2, sy / total - Double(height - 1) / 2)
    }

    /// Half the kernel's diagonal, arcsec.
    public var halfDiagonal: Double {
        0.5 * pixelScale * (Double(width * width + height * height)).squareRoot()
    }

    private enum CodingKeys: String, CodingKey {
        case file, dataset, pixelScale, width, height, recentre, sha256, fwhm
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset)
        pixelScale = try c.decode(Double.self, forKey: .pixelScale)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        recentre = try c.decode(Bool.self, forKey: .recentre)
        sha256 = try c.decode(String.self, forKey: .sha256)
        fwhm = try c.decode(Double.self, forKey: .fwhm)
        values = []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(dataset, forKey: .dataset)
        try c.encode(pixelScale, forKey: .pixelScale)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(recentre, forKey: .recentre)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(fwhm, forKey: .fwhm)
    }

    public static func == (a: PSFKernel, b: PSFKernel) -> Bool {
        // Arrays sharing storage (the common case: every sample's copy of the scene's kernel) compare in O(1).
        a.sha256 == b.sha256 && a.dataset == b.dataset && a.pixelScale == b.pixelScale && a.width == b.width
            && a.height == b.height && a.recentre == b.recentre && a.file == b.file && a.values == b.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sha256)
        hasher.combine(dataset)
        hasher.combine(pixelScale)
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(recentre)
    }

    /// FWHM (arcsec) of a kernel: 2 √(A/π) with A the area above half the maximum, measured on a 4× sub-sampled
    /// bilinear interpolation of the values (at least one sub-pixel).
    static func measureFWHM(_ values: [Double], width: Int, height: Int, pixelScale: Double) -> Double {
        guard let peak = values.max(), peak > 0 else { return pixelScale }
        let half = 0.5 * peak, sub = 4
        func value(_ i: Int, _ j: Int) -> Double {
            guard i >= 0, i < width, j >= 0, j < height else { return 0 }
            return values[j * width + i]
        }
        var above = 0
        for v in 0..<(height * sub) {
            let y = (Double(v) + 0.5) / Double(sub) - 0.5
            let j = Int(floor(y)), fy = y - floor(y)
            for u in 0..<(width * sub) {
                let x = (Double(u) + 0.5) / Double(sub) - 0.5
                let i = Int(floor(x)), fx = x - floor(x)
                let b = (1 - fy) * ((1 - fx) * value(i, j) + fx * value(i + 1, j))
                    + fy * ((1 - fx) * value(i, j + 1) + fx * value(i + 1, j + 1))
                if b >= half { above += 1 }
            }
        }
        let area = Double(max(above, 1)) * pixelScale * pixelScale / Double(sub * sub)
        return 2 * (area / Double.pi).squareRoot()
    }
}
