import SkyRender
import SkyScene

/// Optional per-sample pixel datasets besides /images and /noiseless, chunked one sample per chunk.
public enum PixelProduct: String, CaseIterable, Sendable {
    case segmentation, flags
    case sourceLight = "source_light"
    case lensLight = "lens_light"
    case arcMask = "arc_mask"
    /// Per-sample PSF images, when the PSF varies between samples (a constant PSF is one [B, h, w] /psf).
    case psf

    /// The shape of one sample's values.
    func sampleShape(bands: Int, height: Int, width: Int) -> [Int] {
        switch self {
        case .flags, .sourceLight, .lensLight: return [bands, height, width]
        case .segmentation, .arcMask: return [height, width]
        case .psf: return [bands, PSFImage.size, PSFImage.size]
        }
    }

    var type: H5ElementType {
        switch self {
        case .segmentation: return .int32
        case .flags, .arcMask: return .uint8
        case .sourceLight, .lensLight, .psf: return .float32
        }
    }

    var spec: ColumnSpec {
        switch self {
        case .segmentation:
            return ColumnSpec(name: rawValue, units: "", description: "Segmentation [sample, y, x]: id of the object whose noiseless light, summed over bands, is largest in the pixel and above /samples/mask_threshold; 0 = sky")
        case .flags:
            return ColumnSpec(name: rawValue, units: "", description: "Pixel flags [sample, band, y, x], bits: 1 saturated (clipped at the full well), 2 masked defect (hot pixel, bad column, cosmic ray), 4 not observed (the image holds NaN)")
        case .sourceLight:
            return ColumnSpec(name: rawValue, units: "ADU", description: "Noiseless light of the lensed sources alone [sample, band, y, x], PSF-convolved, without sky")
        case .lensLight:
            return ColumnSpec(name: rawValue, units: "ADU", description: "Noiseless light of the lens galaxies alone [sample, band, y, x], PSF-convolved, without sky")
        case .arcMask:
            return ColumnSpec(name: rawValue, units: "", description: "Arc mask [sample, y, x]: 1 where the lensed sources' noiseless light, summed over bands, exceeds /samples/mask_threshold")
        case .psf:
            return PixelProduct.psfSpec(perSample: true)
        }
    }

    /// /psf: the PSF ⊗ pixel image of every band, per sample when the PSF varies.
    static func psfSpec(perSample: Bool) -> ColumnSpec {
        ColumnSpec(name: "psf", units: "", description: "PSF image of each band\(perSample ? " per sample [sample, band, y, x]" : " [band, y, x]"): "
                   + "the PSF convolved with the pixel, sampled at pixel centres, centred on the central pixel, unit flux over the plane "
                   + "(the \(PSFImage.size)x\(PSFImage.size) pixels hold slightly less)")
    }

    /// The products a scene stores.
    static func requested(by scene: SceneDescription) -> [PixelProduct] {
        var products: [PixelProduct] = []
        if scene.output.segmentation { products.append(.segmentation) }
        if scene.bands.contains(where: { $0.defects != nil }) { products.append(.flags) }
        if scene.output.lensPlanes { products += [.sourceLight, .lensLight, .arcMask] }
        if scene.psfVaries { products.append(.psf) }
        return products
    }

    /// Values per sample.
    func valueCount(bands: Int, height: Int, width: Int) -> Int { sampleShape(bands: bands, height: height, width: width).reduce(1, *) }

    /// Writes this product of `rendered` as row `row` of `dataset`; false when the sample lacks it.
    func write(_ rendered: RenderedSample, to dataset: H5Dataset, row: Int, count: Int) throws -> Bool {
        switch self {
        case .segmentation: return try write(rendered.segmentation, dataset, row, count)
        case .flags: return try write(rendered.flags, dataset, row, count)
        case .sourceLight: return try write(rendered.sourceLight, dataset, row, count)
        case .lensLight: return try write(rendered.lensLight, dataset, row, count)
        case .arcMask: return try write(rendered.arcMask, dataset, row, count)
        case .psf: return try write(rendered.psf, dataset, row, count)
        }
    }

    private func write<T: H5Element>(_ values: [T]?, _ dataset: H5Dataset, _ row: Int, _ count: Int) throws -> Bool {
        guard let values, values.count == count else { return false }
        try dataset.write(values, rowStart: row, rowCount: 1)
        return true
    }

    /// Reads row `row` of `dataset` into `rendered`.
    func read(_ dataset: H5Dataset, row: Int, into rendered: inout RenderedSample) throws {
        switch self {
        case .segmentation: rendered.segmentation = try dataset.read(Int32.self, rowStart: row, rowCount: 1)
        case .flags: rendered.flags = try dataset.read(UInt8.self, rowStart: row, rowCount: 1)
        case .sourceLight: rendered.sourceLight = try dataset.read(Float.self, rowStart: row, rowCount: 1)
        case .lensLight: rendered.lensLight = try dataset.read(Float.self, rowStart: row, rowCount: 1)
        case .arcMask: rendered.arcMask = try dataset.read(UInt8.self, rowStart: row, rowCount: 1)
        case .psf: rendered.psf = try dataset.read(Float.self, rowStart: row, rowCount: 1)
        }
    }
}
