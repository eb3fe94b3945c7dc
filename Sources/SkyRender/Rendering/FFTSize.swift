/// The explicit, deterministic FFT size rule.
///
/// The rendered image is periodic with period N pixels, so each object's light wraps around at distance N·p.
/// N is the smallest size in `sizes` with N ≥ max(W, H) and N ≥ W/2 + (R + |x₀|)/p (likewise for y), where R is
/// the radius beyond which the object's surface brightness (galaxy extent + PSF extent) stays below
/// `wrapThreshold(width:height:)` of its flux per pixel, so the light wrapped into the whole stamp stays below
/// ~2e-6 of the flux. Sizes are capped at 1024 (plans beyond would need hundreds of MB); an object whose
/// faint halo would need more wraps that halo around, still far below the stamp's noise. With Gaussian and Moffat
/// PSFs the renderer raises the threshold by `WrapCorrection.relaxation` and subtracts the wrapped light; with
/// Gaussian and Moffat (β ≥ 3) PSFs R is the larger of the two radii at half the threshold
/// (`WrapCorrection.combinesExtentsByMaximum`).
public enum FFTSize {
    /// Per-pixel surface brightness, as a fraction of the object's flux, that may wrap around: 2e-6 / (W·H).
    public static func wrapThreshold(width: Int, height: Int) -> Double {
        2e-6 / Double(width * height)
    }
    /// Sizes with small prime factors, so FFTW is fast and few plans are made.
    public static let sizes = [32, 48, 64, 80, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024]

    /// The size for a stamp of width × height pixels holding objects of the given (radius, |x₀|, |y₀|) in arcsec.
    public static func choose(width: Int, height: Int, pixelScale: Double,
                              objects: [(radius: Double, x: Double, y: Double)]) -> Int {
        var need = Double(max(width, height))
        for o in objects {
            need = max(need, Double(width) / 2 + (o.radius + abs(o.x)) / pixelScale,
                       Double(height) / 2 + (o.radius + abs(o.y)) / pixelScale)
        }
        return sizes.first { Double($0) >= need } ?? sizes[sizes.count - 1]
    }
}
