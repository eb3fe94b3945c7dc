import Foundation
import SkyScene

extension DatasetSummary {
    /// Attribute names that may hold the simulator version, in order of preference.
    static let versionAttributeNames = ["software_version", "skysynth_version", "simulator_version", "version"]

    /// Human-readable summary: scene, seed, counts, bands, image shape, version, then the columns table.
    public func render() -> String {
        var lines = ["SkySynth dataset \(path)"]
        func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
            text.flatMap { try? JSONDecoder().decode(type, from: Data($0.utf8)) }
        }
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  " + label.padding(to: 14) + value)
        }
        line("scene", attribute("scene_name"))
        line("description", attribute("scene_description"))
        line("format", attribute("format").map { "\($0) v\(attribute("schema_version") ?? "?")" })
        line("seed", attribute("seed"))
        let splits = Split.allCases.compactMap { split in sampleCount(in: split).map { "\(split.rawValue) \($0)" } }
        if let shard = attribute("shard"), let first = attribute("shard_first_sample").flatMap(Int.init),
           let rows = attribute("shard_sample_count").flatMap(Int.init) {
            line("shard", "\(shard): samples \(first)..<\(first + rows) of \(attribute("count") ?? "?") "
                 + "(\(splits.joined(separator: ", "))); join the parts with `skysynth merge`")
        } else {
            line("samples", attribute("count").map { splits.isEmpty ? $0 : "\($0) (\(splits.joined(separator: ", ")))" })
        }
        line("bands", attribute("bands"))
        if let points = attribute("sweep_points"), let replicates = attribute("sweep_replicates") {
            let crn = attribute("sweep_common_random_numbers") == "true" ? ", common random numbers" : ""
            line("sweep", "\(points) points × \(replicates) replicates\(crn)")
            let parameters = decode([String].self, attribute("sweep_parameters")) ?? []
            let values = decode([[String]].self, attribute("sweep_values")) ?? []
            for (k, parameter) in parameters.enumerated() {
                var seen: [String] = []
                for point in values where k < point.count && !seen.contains(point[k]) { seen.append(point[k]) }
                line("", "\(parameter): \(seen.joined(separator: ", "))")
            }
        }
        line("overrides", attribute("scene_overrides")?.replacingOccurrences(of: "\n", with: "; "))
        if let width = attribute("image_width"), let height = attribute("image_height") {
            line("image", "\(width) × \(height) px at \(attribute("pixel_scale_arcsec") ?? "?") arcsec/px")
        }
        line("software", Self.versionAttributeNames.lazy.compactMap { attribute($0) }.first)
        line("scene sha256", attribute("scene_sha256"))

        lines.append("")
        lines.append("Columns")
        let header = ["path", "shape", "type", "units", "description"]
        let rows = datasets.map { d in
            [d.path, "[" + d.shape.map(String.init).joined(separator: ", ") + "]", d.type, d.units, d.description]
        }
        let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = (0..<4).map { row[$0].padding(to: widths[$0]) } + [row[4]]
            lines.append("  " + cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    /// The string padded with spaces to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
