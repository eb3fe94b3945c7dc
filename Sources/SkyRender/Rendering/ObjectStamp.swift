import SkyScene

/// Where one object is drawn when a stamp is too large for one FFT (SampleRenderer.wholeStampLimit): a square
/// sub-stamp of `side` pixels on the stamp's own pixel grid, holding all but `lostFlux` of the object's light, which
/// is then added into the stamp at pixel (`column`, `row`) of its lower-left corner.
///
/// The side is the smallest of FFTSize.sizes ≥ 2R/p + 2, R = r_galaxy + r_PSF, where the galaxy (along its major
/// axis) and the PSF each leave ½ `lostFlux` outside; at most FFTSize.sizes.last, so the far halo of a very extended
/// high-n galaxy may be cut further (an n = 4, r_e = 1.5″ galaxy at 0.2″/px takes 640 pixels; from r_e ≈ 3″ on
/// the cap cuts more).
struct ObjectStamp {
    /// Flux fraction an object may leave outside its sub-stamp: 5× below GalSim's default folding_threshold.
    static let lostFlux = 1e-3

    /// Sub-stamp side, pixels (even).
    let side: Int
    /// Stamp column of the sub-stamp's first column.
    let column: Int
    /// Stamp row of the sub-stamp's first row.
    let row: Int
    /// The object with its offset from the sub-stamp's centre (arcsec), at most half a pixel per axis.
    let object: ObjectSpec

    init(_ object: ObjectSpec, profile: SersicProfile?, psfs: [PSFModel], image: ImageGeometry) {
        let scale = image.pixelScale
        let galaxy = profile?.radiusEnclosing(lost: ObjectStamp.lostFlux / 2) ?? 0
        let psf = psfs.map { $0.radiusEnclosing(lost: ObjectStamp.lostFlux / 2, pixelScale: scale) }.max() ?? 0
        let need = 2 * (galaxy + psf) / scale + 2
        side = FFTSize.sizes.first { Double($0) >= need } ?? FFTSize.sizes[FFTSize.sizes.count - 1]
        // The object's position in stamp pixels (pixel centres at integers), and the sub-stamp whose centre,
        // (side − 1)/2 in its own pixels, lies nearest to it.
        let x = Double(image.width - 1) / 2 + object.offsetX / scale
        let y = Double(image.height - 1) / 2 + object.offsetY / scale
        let half = Double(side - 1) / 2
        column = Int((x - half).rounded())
        row = Int((y - half).rounded())
        var local = object
        local.offsetX = (x - Double(column) - half) * scale
        local.offsetY = (y - Double(row) - half) * scale
        self.object = local
    }

    /// Adds `stamp` (B × side × side, band-major) into `image` (B × H × W), clipped to the image.
    func add(_ stamp: [Float], into image: inout [Float], width: Int, height: Int, bands: Int) {
        let xs = max(0, column)..<min(width, column + side), ys = max(0, row)..<min(height, row + side)
        guard !xs.isEmpty, !ys.isEmpty else { return }
        for b in 0..<bands {
            for y in ys {
                let target = (b * height + y) * width, source = (b * side + y - row) * side - column
                for x in xs { image[target + x] += stamp[source + x] }
            }
        }
    }
}
