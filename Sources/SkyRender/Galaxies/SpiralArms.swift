import Foundation
import SkyScene

/// The real-space part of spiral galaxies: each spiral's arm term a·D·(S − 1) (zero total flux) integrated over the
/// s × s sub-pixels of the stamp plus a margin (`SpiralArmPlane`, s = `supersample`), scaled per band by the disk's
/// flux, convolved with the band's PSF sampled at the sub-pixel centres (`PlaneConvolver`, unit sum) and summed
/// over each pixel's s × s sub-pixels. The smooth disk and the bulge are drawn in the Fourier path (`GalaxyParts`), so
/// the galaxy's flux is the analytic one whatever the sampling.
///
/// Sub-pixels rather than pixels, because the PSF is applied after the sampling here: arms narrower than a pixel
/// would otherwise alias (a pixel-plane convolved with the PSF sampled at pixel centres misplaces their light by up to
/// ~1 % of the disk's peak pixel, and shifts the light centroid by ~0.01 pixel).
enum SpiralArms {
    /// Spirals of `spec` whose arms carry light.
    static func spirals(_ spec: SampleSpec) -> [(ObjectSpec, GalaxySpec, SpiralArmsSpec)] {
        spec.objects.compactMap { object in
            guard case .galaxy(let g) = object.shape, let arms = g.arms, arms.fraction > 0, arms.sharpness > 0 else { return nil }
            return (object, g, arms)
        }
    }

    /// Margin (pixels) of the arm plane: the PSF kernel reaches 3 FWHM + 2 pixels (at most the Fourier wrap margin). The
    /// arm term has no net flux, so the PSF's farther wings, which spread it over arcseconds, add next to nothing.
    static func margin(_ spec: SampleSpec) -> Int {
        let width = spec.image.width, height = spec.image.height, scale = spec.image.pixelScale
        let full = PlaneConvolver.margin(psfs: spec.bands.map(\.psf), width: width, height: height, pixelScale: scale)
        let fwhm = spec.bands.map(\.psf.fwhm).max() ?? 0
        return min(full, Int((3 * fwhm / scale).rounded(.up)) + 2)
    }

    /// Adds every spiral's PSF-convolved arm term to `result` (B × H × W electrons).
    static func add(_ spec: SampleSpec, into result: inout [Float], convolver: PlaneConvolver) {
        let spirals = spirals(spec)
        guard !spirals.isEmpty else { return }
        let width = spec.image.width, height = spec.image.height, scale = spec.image.pixelScale
        // Several spirals in one stamp share the finest sub-pixel grid any of them asks for.
        let s = max(1, spirals.map { $0.2.supersample }.max() ?? 1)
        let margin = margin(spec)
        let fine = ImageGeometry(width: width * s, height: height * s, pixelScale: scale / Double(s))
        let bands = spec.bands.count
        var planes = [[Double]](repeating: [], count: bands)
        for (object, g, arms) in spirals {
            let pattern = SpiralArmPattern(disk: g.disk, arms: arms, centerX: object.offsetX, centerY: object.offsetY)
            let unit = SpiralArmPlane.render(pattern, image: fine, margin: margin * s, pixelArea: scale * scale)
            let flux = g.diskFlux(object.flux)
            for b in 0..<bands where flux[b] != 0 {
                if planes[b].isEmpty { planes[b] = [Double](repeating: 0, count: unit.count) }
                for i in unit.indices where unit[i] != 0 { planes[b][i] += flux[b] * unit[i] }
            }
        }
        let pixels = width * height, fineWidth = width * s
        for b in 0..<bands where !planes[b].isEmpty {
            let stamp = convolver.convolve(planes[b], width: fineWidth, height: height * s, margin: margin * s,
                                           pixelScale: fine.pixelScale, psf: spec.bands[b].psf)
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for v in 0..<s {
                        let row = (y * s + v) * fineWidth + x * s
                        for u in 0..<s { sum += stamp[row + u] }
                    }
                    result[b * pixels + y * width + x] += sum
                }
            }
        }
    }
}
