import SkyScene

/// Images of the band PSFs as stored in /psf: PSF ⊗ pixel, sampled at pixel centres, unit flux over the plane,
/// centred on the central pixel of a `size` × `size` grid (odd), drawn by the same renderer as the stamps.
public enum PSFImage {
    /// Pixels per side.
    public static let size = 25

    /// B × size × size floats, band-major, for the given PSFs on pixels of `pixelScale` arcsec.
    public static func render(_ psfs: [PSFDescription], pixelScale: Double, renderer: SampleRenderer) -> [Float] {
        let bands = psfs.map { psf in
            BandSpec(name: "psf", zeroPoint: 0, exposureTime: 1, skyElectrons: 0, psf: psf, noise: .none, gain: 1, subtractSky: false)
        }
        let star = ObjectSpec(id: 1, group: 0, shape: .star, offsetX: 0, offsetY: 0, flux: psfs.map { _ in 1 },
                              magnitude: psfs.map { _ in 0 })
        let spec = SampleSpec(index: 0, split: .train, image: ImageGeometry(width: size, height: size, pixelScale: pixelScale),
                              bands: bands, objects: [star])
        return renderer.renderSignal(spec)
    }
}
