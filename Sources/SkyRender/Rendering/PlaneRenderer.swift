import SkyScene

/// Objects drawn in real space, per band scaled to their flux on a plane padded by the PSF margin: each shape's exact
/// pixel coverage, and each lens system's ray-shot source and lens light. PSF-convolved light is blurred by
/// `PlaneConvolver`; shapes drawn without PSF are added as they are.
enum PlaneRenderer {
    /// Adds the light of every geometric shape and lens system of `spec` to `result` (B×H×W electrons); returns each
    /// lensed system's unit source flux inside the stamp, by object id (LensImages.render).
    static func add(_ spec: SampleSpec, into result: inout [Float], convolver: PlaneConvolver) -> [Int: Double] {
        SpiralArms.add(spec, into: &result, convolver: convolver)  // spirals' arm terms (Galaxies/SpiralArms.swift)
        let shapes = spec.objects.compactMap { object -> (ObjectSpec, GeometricSpec)? in
            if case .geometric(let g) = object.shape { return (object, g) }
            return nil
        }
        let lenses = spec.objects.compactMap { object -> (ObjectSpec, LensSpec)? in
            if case .lens(let l) = object.shape { return (object, l) }
            return nil
        }
        guard !shapes.isEmpty || !lenses.isEmpty else { return [:] }
        let width = spec.image.width, height = spec.image.height, scale = spec.image.pixelScale
        let anyConvolved = !lenses.isEmpty || shapes.contains { $0.1.convolved }
        let margin = anyConvolved
            ? PlaneConvolver.margin(psfs: spec.bands.map(\.psf), width: width, height: height, pixelScale: scale) : 0
        let paddedWidth = width + 2 * margin, paddedHeight = height + 2 * margin
        // Lens rays cover the stamp plus twice the widest PSF FWHM: farther lensed light barely reaches the stamp.
        let fwhm = spec.bands.map(\.psf.fwhm).max() ?? 0
        let rayMargin = lenses.isEmpty ? 0 : min(margin, Int((2 * fwhm / scale).rounded(.up)) + 2)
        // The PSF-convolved planes hold light this far beyond the stamp: their margin (the PSF kernel reaches `margin`).
        let blurMargin = shapes.contains { $0.1.convolved } ? margin : rayMargin
        let bands = spec.bands.count
        var blurred = [[Double]](repeating: [], count: bands)
        var sharp = [[Double]](repeating: [], count: bands)
        for (object, g) in shapes {
            let placed = GeometricPlacement.placed(g, offsetX: object.offsetX, offsetY: object.offsetY, image: spec.image,
                                                   margin: margin)
            // Only the pixels the shape's bounding box touches: flux × (coverage / area) in each band.
            guard let coverage = placed.coverage(width: paddedWidth, height: paddedHeight) else { continue }
            let plane = (width: paddedWidth, count: paddedWidth * paddedHeight)
            for b in 0..<bands where object.flux[b] != 0 {
                if g.convolved {
                    add(coverage, weight: 1 / placed.area, times: object.flux[b], to: &blurred[b], plane: plane)
                } else {
                    add(coverage, weight: 1 / placed.area, times: object.flux[b], to: &sharp[b], plane: plane)
                }
            }
        }
        var lensedInside: [Int: Double] = [:]
        for (object, l) in lenses {
            let images = LensImages.render(l, object: object, image: spec.image, margin: rayMargin)
            lensedInside[object.id] = images.lensedInside
            for b in 0..<bands {
                let plane = (width + 2 * blurMargin, blurMargin)
                addWindow(images.source, times: l.source.flux[b], margin: rayMargin, into: &blurred[b], plane: plane)
                if let lensImage = images.lensLight, let light = l.lensLight {
                    addWindow(lensImage, times: light.flux[b], margin: rayMargin, into: &blurred[b], plane: plane)
                }
            }
        }
        let pixels = width * height
        for b in 0..<bands {
            if !blurred[b].isEmpty {
                let stamp = convolver.convolve(blurred[b], width: width, height: height, margin: blurMargin, kernelMargin: margin,
                                               pixelScale: scale, psf: spec.bands[b].psf)
                for i in 0..<pixels { result[b * pixels + i] += stamp[i] }
            }
            if !sharp[b].isEmpty {
                let stamp = convolver.convolve(sharp[b], width: width, height: height, margin: margin, pixelScale: scale, psf: nil)
                for i in 0..<pixels { result[b * pixels + i] += stamp[i] }
            }
        }
        return lensedInside
    }

    /// plane += factor × coverage × weight over the coverage window, allocating the plane on first use.
    private static func add(_ coverage: CoverageWindow, weight: Double, times factor: Double, to plane: inout [Double],
                            plane geometry: (width: Int, count: Int)) {
        if plane.isEmpty { plane = [Double](repeating: 0, count: geometry.count) }
        coverage.flush(into: &plane, width: geometry.width, weight: weight, times: factor)
    }

    /// Adds factor × a (W+2r)×(H+2r) image, centred, into a (W+2m)×(H+2m) plane (r ≤ m), allocating it on first use.
    private static func addWindow(_ image: [Double], times factor: Double, margin r: Int, into plane: inout [Double],
                                  plane geometry: (width: Int, margin: Int)) {
        let planeWidth = geometry.width, shift = geometry.margin - r
        let imageWidth = planeWidth - 2 * shift
        let rows = image.count / imageWidth
        if plane.isEmpty { plane = [Double](repeating: 0, count: planeWidth * (rows + 2 * shift)) }
        for y in 0..<rows {
            let source = y * imageWidth, target = (y + shift) * planeWidth + shift
            for x in 0..<imageWidth { plane[target + x] += factor * image[source + x] }
        }
    }
}
