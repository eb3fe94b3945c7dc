import Foundation
import SkyScene
import Synchronization

/// Convolves real-space planes (flux per pixel, already integrated over each pixel) with a band's PSF.
///
/// The PSF is sampled at integer pixel offsets out to the margin and normalised to unit sum (lenstronomy's pixel
/// kernel), so the convolution conserves flux exactly. A plane covers the stamp plus `margin` pixels on every
/// side, so light from just outside the stamp is scattered in; the cyclic FFT is large enough never to wrap.
public final class PlaneConvolver: Sendable {
    private let kernels = Mutex<[Key: FFTWBuffer]>([:])

    private struct Key: Hashable {
        var size: Int
        var margin: Int
        var pixelScale: Double
        var psf: PSFDescription
    }

    public init() {}

    /// Margin in pixels beyond which the PSF's surface brightness stays below the FFT wrap threshold (capped so
    /// the padded plane fits the largest FFT size).
    public static func margin(psfs: [PSFDescription], width: Int, height: Int, pixelScale: Double) -> Int {
        let threshold = FFTSize.wrapThreshold(width: width, height: height) / (pixelScale * pixelScale)
        let extent = psfs.map { PSFModel($0).extent(threshold: threshold) }.max() ?? 0
        let cap = ((FFTSize.sizes.last ?? 1024) - 1 - max(width, height)) / 2
        return max(0, min(cap, Int((extent / pixelScale).rounded(.up))))
    }

    /// The W×H stamp of `plane` ((W+2m)×(H+2m), row-major) convolved with `psf`, or simply cropped when `psf` is nil.
    public func convolve(_ plane: [Double], width: Int, height: Int, margin: Int, pixelScale: Double,
                         psf: PSFDescription?) -> [Float] {
        convolve(plane, width: width, height: height, margin: margin, kernelMargin: margin, pixelScale: pixelScale, psf: psf)
    }

    /// The W×H stamp of `plane` ((W+2c)×(H+2c) for c = `margin`, row-major, zero beyond) convolved with `psf` sampled
    /// out to `kernelMargin` ≥ c pixels, or simply cropped when `psf` is nil. The FFT size N is the smallest listed
    /// size with N > max(W, H) + c + `kernelMargin`: every offset between a stamp pixel and a plane pixel is then
    /// at most max(W, H) + c − 1, and no other copy of it within N lies inside the kernel, so nothing wraps.
    public func convolve(_ plane: [Double], width: Int, height: Int, margin: Int, kernelMargin: Int, pixelScale: Double,
                         psf: PSFDescription?) -> [Float] {
        precondition(kernelMargin >= margin, "kernel margin \(kernelMargin) below the plane margin \(margin)")
        let paddedWidth = width + 2 * margin, paddedHeight = height + 2 * margin
        var result = [Float](repeating: 0, count: width * height)
        guard let psf else {
            for y in 0..<height {
                for x in 0..<width { result[y * width + x] = Float(plane[(y + margin) * paddedWidth + x + margin]) }
            }
            return result
        }
        let needed = max(width, height) + margin + kernelMargin + 1
        let size = FFTSize.sizes.first { $0 >= needed } ?? needed
        let kernel = self.kernel(size: size, margin: kernelMargin, pixelScale: pixelScale, psf: psf)
        let cells = size * (size / 2 + 1)
        let input = FFTWBuffer(bytes: size * size * 4)
        for y in 0..<paddedHeight {
            for x in 0..<paddedWidth { input.floats[y * size + x] = Float(plane[y * paddedWidth + x]) }
        }
        let spectrum = FFTWBuffer(bytes: cells * 8)  // zeroed: the rows past the plane's stay zero
        PrunedForwardRealFFT.plan(size: size, rows: paddedHeight).execute(input: input, output: spectrum)
        let norm = 1 / Float(size * size)
        let s = spectrum.floats, k = kernel.floats
        for c in 0..<cells {
            let re = s[2 * c] * k[2 * c] - s[2 * c + 1] * k[2 * c + 1]
            let im = s[2 * c] * k[2 * c + 1] + s[2 * c + 1] * k[2 * c]
            s[2 * c] = re * norm
            s[2 * c + 1] = im * norm
        }
        let output = input  // the plane is no longer needed: the inverse transform overwrites its first rows
        // Only the rows up to the stamp's last (margin + height) are transformed along x.
        withExtendedLifetime(spectrum) {
            PrunedInverseRealFFT.plan(size: size, rows: margin + height).execute(input: spectrum.floats, output: output)
        }
        for y in 0..<height {
            for x in 0..<width { result[y * width + x] = output.floats[(y + margin) * size + x + margin] }
        }
        return result
    }

    /// The forward FFT of the unit-sum kernel placed cyclically around (0, 0) (offsets congruent modulo the size
    /// add up), cached per size and PSF.
    private func kernel(size: Int, margin: Int, pixelScale: Double, psf: PSFDescription) -> FFTWBuffer {
        let key = Key(size: size, margin: margin, pixelScale: pixelScale, psf: psf)
        return kernels.withLock { cache in
            if let existing = cache[key] { return existing }
            if cache.count >= 24 { cache.removeAll() }  // PSFs drawn per sample: keep the cache bounded
            let model = PSFModel(psf)
            var values = [Double](repeating: 0, count: (2 * margin + 1) * (2 * margin + 1))
            var total = 0.0
            for dy in -margin...margin {
                for dx in -margin...margin {
                    // A pixelised kernel is not round: sampled in 2-D (quintic interpolation at (dx, dy) pixels).
                    let v: Double
                    if model.kernel != nil {
                        v = model.intensity(x: Double(dx) * pixelScale, y: Double(dy) * pixelScale)
                    } else {
                        let r = (Double(dx * dx + dy * dy)).squareRoot() * pixelScale
                        v = model.intensity(r: r)
                    }
                    values[(dy + margin) * (2 * margin + 1) + dx + margin] = v
                    total += v
                }
            }
            let image = FFTWBuffer(bytes: size * size * 4)
            for dy in -margin...margin {
                for dx in -margin...margin {
                    let y = (dy + size) % size, x = (dx + size) % size
                    image.floats[y * size + x] += Float(values[(dy + margin) * (2 * margin + 1) + dx + margin] / total)
                }
            }
            let transformed = FFTWBuffer(bytes: size * (size / 2 + 1) * 8)
            ForwardRealFFT.plan(size: size).execute(input: image, output: transformed)
            cache[key] = transformed
            return transformed
        }
    }
}
