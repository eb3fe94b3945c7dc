import Foundation
import SkyScene

/// The file's root attributes: format, scene provenance, geometry, HDF5 version, and the caller's extra strings.
enum RootAttributes {
    /// Compact JSON of a string array (or array of arrays), for list-valued attributes.
    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Writes the fixed attributes, then `extra` in the given order; a name used twice is an error.
    static func write(to root: H5Group, scene: SceneDescription, sceneText: String, extra: [(String, String)]) throws {
        var written = Set<String>()
        func claim(_ name: String) throws {
            guard written.insert(name).inserted else {
                throw DatasetError.invalidArgument("\(root.displayPath): root attribute '\(name)' is given twice")
            }
        }
        func string(_ name: String, _ value: String) throws {
            try claim(name)
            try root.setAttribute(name, value)
        }
        func integer(_ name: String, _ value: Int) throws {
            try claim(name)
            try root.setAttribute(name, Int64(value))
        }
        try string("format", Codebook.format)
        try string("schema_version", Codebook.schemaVersion)
        try string("scene_name", scene.name)
        try string("scene_description", scene.description)
        try string("scene_yaml", sceneText)
        try string("scene_sha256", SHA256.hex(of: sceneText))
        try string("seed", String(scene.seed))
        try claim("seed_value")
        try root.setAttribute("seed_value", scene.seed)
        try integer("count", scene.count)
        try string("bands", scene.bands.map(\.name).joined(separator: ","))
        try claim("pixel_scale_arcsec")
        try root.setAttribute("pixel_scale_arcsec", scene.image.pixelScale)
        try integer("image_width", scene.image.width)
        try integer("image_height", scene.image.height)
        try string("hdf5_version", H5Library.version)
        if !scene.overrides.isEmpty { try string("scene_overrides", scene.overrides.joined(separator: "\n")) }
        if let sweep = scene.sweep {
            try string("sweep_parameters", json(sweep.parameters))
            try string("sweep_values", json(sweep.values))
            try integer("sweep_points", sweep.pointCount)
            try integer("sweep_replicates", sweep.replicates)
            try string("sweep_common_random_numbers", sweep.commonRandomNumbers ? "true" : "false")
        }
        // Provenance of pixelised PSF kernels (only in files whose scene uses one): per band the file as written,
        // its dataset, SHA-256, kernel pixel scale, size, recentring and the interpolation convention.
        let kernels = scene.bands.compactMap { band -> [String: String]? in
            guard case .kernel(let k) = band.psf else { return nil }
            var entry = ["band": band.name, "file": k.file, "sha256": k.sha256, "pixel_scale_arcsec": "\(k.pixelScale)",
                         "size": "\(k.width)x\(k.height)", "recentre": k.recentre ? "true" : "false",
                         "interpolant": "quintic (GalSim InterpolatedImage x_interpolant='quintic', true centre)"]
            if let d = k.dataset { entry["dataset"] = d }
            return entry
        }
        if !kernels.isEmpty { try string("psf_kernels", json(kernels)) }
        for (name, value) in extra { try string(name, value) }
    }
}
