import SkyScene

/// The products and labels beyond the images: lens labels, segmentation, per-object S/N and detection, lens planes.
enum SampleProducts {
    static func add(to rendered: inout RenderedSample, spec: SampleSpec, output: OutputOptions, renderer: SampleRenderer) {
        let bands = spec.bands.count, pixels = spec.image.width * spec.image.height
        var labels = spec.objects.map { object -> ObjectLabels in
            var magnification = Double.nan, images: Int32 = -1
            if case .lens(let l) = object.shape {
                magnification = LensImages.magnification(l, object: object, image: spec.image,
                                                         lensedInside: rendered.lensedInside[object.id])
                images = Int32(LensImages.imageCount(l, object: object))
            }
            return ObjectLabels(magnification: magnification, imageCount: images, snr: [Double](repeating: .nan, count: bands),
                                detection: [Int32](repeating: DetectionCode.notComputed.rawValue, count: bands))
        }
        let threshold = spec.maskThreshold(output.maskThreshold)
        if output.needsObjectImages {
            let alone = spec.objects.indices.map { k -> [Float] in
                var single = spec
                single.objects = [spec.objects[k]]
                return renderer.renderSignal(single)
            }
            if output.segmentation {
                rendered.segmentation = segmentation(alone, ids: spec.objects.map(\.id), bands: bands, pixels: pixels,
                                                     threshold: threshold)
            }
            if let minimum = output.detectionSNR {
                let total = rendered.signal  // the noiseless images the sample was drawn from, in electrons
                for k in labels.indices {
                    for b in 0..<bands {
                        let snr = signalToNoise(alone[k], total, band: spec.bands[b], offset: b * pixels, pixels: pixels)
                        labels[k].snr[b] = snr
                        labels[k].detection[b] = detectionCode(snr: snr, minimum: minimum, light: alone[k], flags: rendered.flags,
                                                               offset: b * pixels, pixels: pixels).rawValue
                    }
                }
            }
        }
        if output.lensPlanes {
            let (source, lens) = lensPlanes(spec, renderer: renderer)
            rendered.arcMask = (0..<pixels).map { p in
                var sum = 0.0
                for b in 0..<bands { sum += Double(source[b * pixels + p]) }
                return sum > threshold ? 1 : 0
            }
            rendered.sourceLight = toADU(source, spec.bands, pixels: pixels)
            rendered.lensLight = toADU(lens, spec.bands, pixels: pixels)
        }
        rendered.objects = labels
    }

    /// Not observed when the band's pixels are flagged so, masked when the object's brightest pixel is a defect, else
    /// detected or not by S/N.
    static func detectionCode(snr: Double, minimum: Double, light: [Float], flags: [UInt8]?, offset: Int,
                              pixels: Int) -> DetectionCode {
        if let flags {
            if flags[offset] & PixelFlag.notObserved != 0 { return .notObserved }
            var peak = offset
            for p in offset..<(offset + pixels) where light[p] > light[peak] { peak = p }
            if flags[peak] & PixelFlag.defect != 0 { return .masked }
        }
        return snr >= minimum ? .detected : .notDetected
    }

    /// Per pixel the id of the object whose band-summed light is largest, if above `threshold` electrons, else 0.
    static func segmentation(_ alone: [[Float]], ids: [Int], bands: Int, pixels: Int, threshold: Double) -> [Int32] {
        var map = [Int32](repeating: 0, count: pixels)
        var best = [Double](repeating: threshold, count: pixels)
        for (k, image) in alone.enumerated() {
            for p in 0..<pixels {
                var sum = 0.0
                for b in 0..<bands { sum += Double(image[b * pixels + p]) }
                if sum > best[p] {
                    best[p] = sum
                    map[p] = Int32(ids[k])
                }
            }
        }
        return map
    }

    /// Matched-filter S/N of one object's light s in one band: √(Σ s² / var), var the pixel's noise variance
    /// (electrons²) given every object's light; infinite for a noiseless band with light.
    static func signalToNoise(_ object: [Float], _ total: [Float], band: BandSpec, offset: Int, pixels: Int) -> Double {
        var sum = 0.0
        for p in offset..<(offset + pixels) {
            let s = Double(object[p])
            guard s != 0 else { continue }
            let variance: Double
            switch band.noise {
            case .none: variance = 0
            case .gaussian(let sigma): variance = sigma * band.gain * sigma * band.gain
            case .ccd(_, let read): variance = band.skyElectrons + max(0, Double(total[p])) + read * read
            }
            sum += variance > 0 ? s * s / variance : .infinity
        }
        return sum.squareRoot()
    }

    /// Noiseless source-only and lens-light-only light of every lens system (B×H×W electrons; zeros without lenses).
    static func lensPlanes(_ spec: SampleSpec, renderer: SampleRenderer) -> (source: [Float], lens: [Float]) {
        var sourceOnly = spec, lensOnly = spec
        sourceOnly.objects = spec.objects.compactMap { object in
            guard case .lens(var l) = object.shape else { return nil }
            l.lensLight = nil
            var copy = object
            copy.shape = .lens(l)
            copy.flux = object.flux.map { _ in 0 }
            return copy
        }
        lensOnly.objects = spec.objects.compactMap { object in
            guard case .lens(var l) = object.shape else { return nil }
            l.source.flux = l.source.flux.map { _ in 0 }
            var copy = object
            copy.shape = .lens(l)
            return copy
        }
        return (renderer.renderSignal(sourceOnly), renderer.renderSignal(lensOnly))
    }

    /// Electrons → ADU per band.
    static func toADU(_ electrons: [Float], _ bands: [BandSpec], pixels: Int) -> [Float] {
        var result = electrons
        for (b, band) in bands.enumerated() {
            let inverse = Float(1 / band.gain)
            for p in (b * pixels)..<((b + 1) * pixels) { result[p] *= inverse }
        }
        return result
    }
}
