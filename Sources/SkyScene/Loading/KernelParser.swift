import Foundation

/// Largest kernel accepted, pixels per side.
public let maximumKernelSide = 255

extension SceneBuilder {
    /// `psf: {type: kernel, file: F, dataset: D, pixel_scale: S, recentre: true}`: a pixelised PSF read from a .npy
    /// file or an HDF5 dataset (path relative to the scene file's folder), validated and normalised to unit sum.
    /// `pixel_scale` (arcsec per kernel pixel) defaults to the image's. Every problem names the file and field.
    func kernel(_ n: YNode, image: ImageGeometry?) -> PSFKernel? {
        guard let m = reader.mapping(n, required: ["type", "file"], optional: ["dataset", "pixel_scale", "recentre"]) else {
            return nil
        }
        let scale: Double?? = m["pixel_scale"].map { reader.number($0, ValueRange(0, 100, lowOpen: true), name: "pixel_scale") }
        let recentre = m["recentre"].map(reader.bool) ?? true
        let datasetName: String?? = m["dataset"].map(reader.string)
        guard let fileNode = m["file"], let file = reader.string(fileNode) else { return nil }
        guard scale != .some(nil), let recentre, datasetName != .some(nil) else { return nil }
        // Without a valid image geometry (already reported) nothing more can be checked.
        guard let pixelScale = (scale ?? nil) ?? image?.pixelScale else { return nil }
        let dataset = datasetName ?? nil

        let lower = file.lowercased()
        let isNPY = lower.hasSuffix(".npy")
        let isHDF5 = [".h5", ".hdf5", ".he5", ".hdf"].contains { lower.hasSuffix($0) }
        guard !file.isEmpty, isNPY || isHDF5 else {
            reader.fail(fileNode, "kernel file '\(file)' is neither .npy nor HDF5 (.h5, .hdf5); allowed: a 2-D .npy array or an HDF5 file with dataset:")
            return nil
        }
        if isHDF5, dataset == nil {
            reader.fail(n, "missing required key 'dataset' (the HDF5 dataset holding the kernel, e.g. /psf/r) for kernel file '\(file)'",
                        field: "\(n.path).dataset")
            return nil
        }
        if isNPY, dataset != nil, let node = m["dataset"] {
            reader.fail(node, "'dataset' applies to HDF5 kernel files only, not to the .npy file '\(file)'")
            return nil
        }
        let path = resolve(file)
        guard FileManager.default.fileExists(atPath: path) else {
            reader.fail(fileNode, "kernel file '\(path)' not found (paths are relative to the scene file's folder)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            reader.fail(fileNode, "cannot read the kernel file '\(path)'")
            return nil
        }
        let bytes = [UInt8](data)
        let array: KernelArray
        do {
            array = isNPY ? try KernelReader.readNPY(bytes) : try KernelReader.readHDF5(path: path, dataset: dataset ?? "")
        } catch let error as KernelReadError {
            reader.fail(isHDF5 ? (m["dataset"] ?? fileNode) : fileNode, "kernel file '\(path)'\(dataset.map { " dataset '\($0)'" } ?? ""): \(error.message)")
            return nil
        } catch {
            reader.fail(fileNode, "kernel file '\(path)': \(error)")
            return nil
        }
        let name = "kernel file '\(path)'\(dataset.map { " dataset '\($0)'" } ?? "")"
        guard array.width <= maximumKernelSide, array.height <= maximumKernelSide else {
            reader.fail(fileNode, "\(name) is too large: \(array.width)×\(array.height) pixels; allowed at most \(maximumKernelSide)×\(maximumKernelSide)")
            return nil
        }
        if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
            reader.fail(fileNode, "\(name) holds a non-finite value (\(array.values[bad])) at row \(bad / array.width), column \(bad % array.width); every value must be finite")
            return nil
        }
        let sum = array.values.reduce(0, +)
        guard sum > 0, sum.isFinite else {
            reader.fail(fileNode, "\(name) has a negative or zero sum (\(sum)); the values must sum to > 0 (single pixels may be negative)")
            return nil
        }
        let diagonal = pixelScale * Double(array.width * array.width + array.height * array.height).squareRoot()
        if let image {
            let stamp = image.pixelScale * Double(image.width * image.width + image.height * image.height).squareRoot()
            if diagonal > stamp {
                reader.fail(m["pixel_scale"] ?? fileNode, "\(name) is too large: \(array.width)×\(array.height) pixels of \(pixelScale) arcsec "
                            + "span \(String(format: "%.4g", diagonal)) arcsec along the diagonal; allowed at most the stamp's diagonal, \(String(format: "%.4g", stamp)) arcsec")
                return nil
            }
        }
        let values = array.values.map { $0 / sum }
        return PSFKernel(file: file, dataset: dataset, pixelScale: pixelScale, width: array.width, height: array.height,
                         recentre: recentre, sha256: SHA256.hex(SHA256.digest(bytes)), values: values)
    }

    /// `file` relative to the scene file's folder (absolute paths unchanged).
    private func resolve(_ file: String) -> String {
        if file.hasPrefix("/") { return file }
        let folder = (reader.file as NSString).deletingLastPathComponent
        return folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
    }
}
