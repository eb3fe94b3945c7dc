import Foundation
import Yams

/// Parses and validates scene files (YAML). Unknown keys are errors; every error carries file:line:column.
public enum SceneLoader {
    /// Allowed Sérsic index range (GalSim's).
    public static let sersicIndexRange = ValueRange(0.3, 6.2)

    /// Reads and validates the scene file at `path` with `overrides` ("path=value", applied in order before
    /// validation); throws `SceneErrors` listing every problem.
    public static func load(path: String, overrides: [String] = []) throws -> SceneDescription {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the scene file" : "no such scene file"
            throw SceneErrors(issues: [SceneIssue(file: path, line: 0, column: 0, field: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SceneErrors(issues: [SceneIssue(file: path, line: 0, column: 0, field: "", message: "the scene file is not UTF-8 text")])
        }
        return try parse(text, file: path, overrides: overrides)
    }

    /// Parses scene text; `file` names it in messages; `overrides` ("path=value") are applied to the tree first.
    public static func parse(_ text: String, file: String, overrides: [String] = []) throws -> SceneDescription {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw SceneErrors(issues: [SceneIssue(file: file, line: 1, column: 1, field: "", message: "the scene file is empty")])
            }
            root = node
        } catch let error as YamlError {
            throw SceneErrors(issues: [yamlIssue(error, file: file)])
        }
        let tree = try applying(overrides, to: root)
        let reader = YAMLReader(file: file)
        let scene = SweepBuilder(reader: reader).scene(tree)
        var seen = Set<String>()
        let issues = reader.issues.filter { seen.insert($0.description).inserted }
        if var scene, issues.isEmpty {
            scene.overrides = overrides
            return scene
        }
        throw SceneErrors(issues: issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    /// The tree with every "path=value" override assigned (values are YAML: `0.7`, `{uniform: [1, 2]}`).
    private static func applying(_ overrides: [String], to root: Node) throws -> Node {
        var tree = root
        for text in overrides {
            func issue(_ message: String) -> SceneErrors {
                SceneErrors(issues: [SceneIssue(file: "--set", line: 0, column: 0, field: text, message: message)])
            }
            guard let equals = text.firstIndex(of: "=") else { throw issue("expected path=value, e.g. bands.*.psf.fwhm=0.7") }
            guard let path = NodePath(String(text[..<equals])) else { throw issue("'\(text[..<equals])' is not a path") }
            let valueNode: Node?
            do {
                valueNode = try Yams.compose(yaml: String(text[text.index(after: equals)...]))
            } catch {
                throw issue("the value is not YAML: \(error)")
            }
            guard let valueNode else { throw issue("the value is empty") }
            do {
                tree = try path.assigning(valueNode, in: tree)
            } catch {
                throw issue("\(error)")
            }
        }
        return tree
    }

    private static func yamlIssue(_ error: YamlError, file: String) -> SceneIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return SceneIssue(file: file, line: mark.line, column: mark.column, field: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SceneIssue(file: file, line: context.mark.line, column: context.mark.column, field: "",
                              message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        default:
            return SceneIssue(file: file, line: 0, column: 0, field: "", message: "YAML: \(error)")
        }
    }
}

/// Builds the typed scene from YAML, section by section.
struct SceneBuilder {
    let reader: YAMLReader

    func scene(_ root: YNode) -> SceneDescription? {
        guard let m = reader.mapping(root, required: ["name", "seed", "count", "image", "bands", "objects"],
                                     optional: ["description", "splits", "output", "sweep"]) else { return nil }
        let name = m["name"].flatMap(reader.string)
        let description = m["description"].flatMap(reader.string) ?? ""
        let seed = m["seed"].flatMap(reader.unsigned64)
        let count = m["count"].flatMap { reader.integer($0, 1...100_000_000) }
        let splitFractions: Splits? = m["splits"].map { self.splits($0) } ?? Splits(train: 0.8, validation: 0.1, test: 0.1)
        let geometry: ImageGeometry? = m["image"].flatMap { self.image($0) }
        let bandList: [BandDescription] = m["bands"].flatMap { self.bands($0, image: geometry) } ?? []
        // Objects are checked against every band name written, even when a band has another problem,
        // so one bad band value is one error.
        let bandNames = m["bands"].map(self.bandNames) ?? []
        let groups: [ObjectGroup]? = m["objects"].flatMap { self.objects($0, bandNames: bandNames) }
        let outputOptions: OutputOptions? = m["output"].map { self.output($0) } ?? OutputOptions(noiseless: false)
        guard let name, let seed, let count, let splitFractions, let geometry, !bandList.isEmpty, let groups,
              let outputOptions else { return nil }
        return SceneDescription(name: name, description: description, seed: seed, count: count, splits: splitFractions,
                                image: geometry, bands: bandList, objects: groups, output: outputOptions)
    }

    func splits(_ n: YNode) -> Splits? {
        guard let m = reader.mapping(n, required: [], optional: ["train", "validation", "test"]) else { return nil }
        let unit = ValueRange(0, 1)
        let train = m["train"].map { reader.number($0, unit) } ?? 0
        let validation = m["validation"].map { reader.number($0, unit) } ?? 0
        let test = m["test"].map { reader.number($0, unit) } ?? 0
        guard let train, let validation, let test else { return nil }
        guard abs(train + validation + test - 1) < 1e-9 else {
            reader.fail(n, "train + validation + test must be 1, found \(train + validation + test)")
            return nil
        }
        return Splits(train: train, validation: validation, test: test)
    }

    func image(_ n: YNode) -> ImageGeometry? {
        guard let m = reader.mapping(n, required: ["size", "pixel_scale"], optional: []) else { return nil }
        var size: (Int, Int)?
        if let s = m["size"] {
            if case .scalar = s.node {
                size = reader.integer(s, 4...4096).map { ($0, $0) }
            } else if let items = reader.sequence(s) {
                if items.count == 2 {
                    let w = reader.integer(items[0], 4...4096), h = reader.integer(items[1], 4...4096)
                    if let w, let h { size = (w, h) }
                } else {
                    reader.fail(s, "expected [width, height] in pixels")
                }
            }
        }
        let scale = m["pixel_scale"].flatMap { reader.number($0, ValueRange(0, 100, lowOpen: true)) }
        guard let size, let scale else { return nil }
        return ImageGeometry(width: size.0, height: size.1, pixelScale: scale)
    }

    func bands(_ n: YNode, image: ImageGeometry? = nil) -> [BandDescription]? {
        guard let items = reader.sequence(n) else { return nil }
        var result: [BandDescription] = []
        var seen: [String: YNode] = [:]
        for item in items {
            guard let band = band(item, image: image) else { continue }
            if seen[band.name] != nil {
                reader.fail(item, "duplicate band name '\(band.name)'")
            }
            seen[band.name] = item
            result.append(band)
        }
        guard result.count == items.count else { return nil }
        guard result.count <= 64 else {
            reader.fail(n, "at most 64 bands, found \(result.count)")
            return nil
        }
        return result
    }

    /// The names the bands give, read without validating the rest of each band.
    func bandNames(_ n: YNode) -> [String] {
        guard case .sequence(let items) = n.node else { return [] }
        return items.compactMap { item -> String? in
            guard case .mapping(let map) = item, case .scalar(let name)? = map["name"] else { return nil }
            return name.string
        }
    }

    func band(_ n: YNode, image: ImageGeometry? = nil) -> BandDescription? {
        guard let m = reader.mapping(n, required: ["name", "zero_point", "exposure_time", "sky", "psf", "noise"],
                                     optional: ["saturation", "defects", "missing"]) else {
            return nil
        }
        var name = m["name"].flatMap(reader.string)
        if let n = name, n.isEmpty || n.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            reader.fail(m["name"]!, "band names use letters, digits, '_' or '-', found '\(n)'")
            name = nil
        }
        let zp = m["zero_point"].flatMap { reader.number($0, ValueRange(0, 50)) }
        let exposure = m["exposure_time"].flatMap { reader.number($0, ValueRange(0, 1e7, lowOpen: true)) }
        let sky = m["sky"].flatMap(sky)
        let psf = m["psf"].flatMap { self.psf($0, image: image) }
        let noise = m["noise"].flatMap(noise)
        let defects = defects(m)
        guard let name, let zp, let exposure, let sky, let psf, let noise, let defects else { return nil }
        return BandDescription(name: name, zeroPoint: zp, exposureTime: exposure, sky: sky, psf: psf.psf,
                               noise: noise.model, gain: noise.gain, subtractSky: noise.subtractSky, defects: defects.value,
                               psfVariation: psf.variation)
    }

    /// `saturation` (full well, electrons), `defects: {hot_pixels, bad_columns, cosmic_rays}` and `missing`; nil on error.
    func defects(_ m: [String: YNode]) -> (value: DefectDescription?, Void)? {
        guard m["saturation"] != nil || m["defects"] != nil || m["missing"] != nil else { return (nil, ()) }
        let fullWell: Double?? = m["saturation"].map { reader.number($0, ValueRange(0, 1e9, lowOpen: true), name: "saturation") }
        let missing = m["missing"].map { reader.number($0, ValueRange(0, 1), name: "missing") } ?? 0
        var rates: [String: Double] = ["hot_pixels": 0, "bad_columns": 0, "cosmic_rays": 0]
        var ok = fullWell != .some(nil) && missing != nil
        if let d = m["defects"] {
            if let entries = reader.mapping(d, required: [], optional: ["hot_pixels", "bad_columns", "cosmic_rays"]) {
                for (key, node) in entries {
                    let range = key == "hot_pixels" ? ValueRange(0, 0.5) : ValueRange(0, 100)
                    if let v = reader.number(node, range, name: key) { rates[key] = v } else { ok = false }
                }
            } else {
                ok = false
            }
        }
        guard ok, let missing else { return nil }
        return (DefectDescription(fullWell: fullWell ?? nil, hotPixels: rates["hot_pixels"]!, badColumns: rates["bad_columns"]!,
                                  cosmicRays: rates["cosmic_rays"]!, missing: missing), ())
    }

    func sky(_ n: YNode) -> SkyLevel? {
        guard let m = reader.mapping(n, required: [], optional: ["magnitude", "electrons"]) else { return nil }
        switch (m["magnitude"], m["electrons"]) {
        case (let mag?, nil):
            return reader.number(mag, ValueRange(0, 50), name: "magnitude").map(SkyLevel.magnitude)
        case (nil, let e?):
            return reader.number(e, ValueRange(0, 1e9), name: "electrons").map(SkyLevel.electrons)
        default:
            reader.fail(n, "give exactly one of magnitude (mag/arcsec²) or electrons (per pixel)")
            return nil
        }
    }

    /// A band's PSF: its constant value (the median of a varying parameter's distribution stands in for it) and
    /// the parameters drawn per sample.
    func psf(_ n: YNode, image: ImageGeometry? = nil) -> (psf: PSFDescription, variation: PSFVariation?)? {
        // A pixelised kernel read from a file (KernelParser.swift): fixed, never drawn.
        if case .mapping(let map) = n.node, case .scalar(let t)? = map.first(where: { $0.key.string == "type" })?.value,
           t.string == "kernel" {
            return kernel(n, image: image).map { (.kernel(kernel: $0), nil) }
        }
        guard let m = reader.mapping(n, required: ["type"], optional: ["fwhm", "beta", "lambda_over_d", "obscuration"]),
              let typeNode = m["type"], let type = reader.string(typeNode) else { return nil }
        var varying: [String: Distribution] = [:]
        var failed = false
        /// The parameter's constant value, or a representative one when it is a distribution (recorded in `varying`).
        func parameter(_ key: String, _ range: ValueRange, default fallback: Double? = nil) -> Double? {
            guard let node = m[key] else {
                if let fallback { return fallback }
                _ = missing(n, key)
                failed = true
                return nil
            }
            guard let d = reader.distribution(node, range, name: key) else {
                failed = true
                return nil
            }
            if case .constant(let v) = d { return v }
            varying[key] = d
            let s = d.support
            return s.lowerBound.isFinite && s.upperBound.isFinite ? 0.5 * (s.lowerBound + s.upperBound) : range.low
        }
        let allowed: [String: [String]] = ["gaussian": ["fwhm"], "moffat": ["fwhm", "beta"],
                                           "airy": ["lambda_over_d", "obscuration"]]
        guard let keys = allowed[type] else {
            reader.fail(typeNode, "unknown PSF type '\(type)'; allowed: gaussian, moffat, airy, kernel")
            return nil
        }
        for key in ["fwhm", "beta", "lambda_over_d", "obscuration"] where !keys.contains(key) {
            if let extra = m[key] {
                reader.fail(extra, type == "airy" ? "airy PSFs take lambda_over_d and obscuration, not \(key)"
                                : "\(key) belongs to \(key == "beta" ? "moffat" : "airy") PSFs only")
                failed = true
            }
        }
        let fwhmRange = ValueRange(0, 100, lowOpen: true)
        let result: PSFDescription?
        switch type {
        case "gaussian":
            result = parameter("fwhm", fwhmRange).map { .gaussian(fwhm: $0) }
        case "moffat":
            let fwhm = parameter("fwhm", fwhmRange), beta = parameter("beta", ValueRange(1.1, 100))
            result = fwhm.flatMap { f in beta.map { .moffat(beta: $0, fwhm: f) } }
        default:
            let lambdaOverD = parameter("lambda_over_d", ValueRange(0, 100, lowOpen: true))
            let obscuration = parameter("obscuration", ValueRange(0, 0.9), default: 0)
            result = lambdaOverD.flatMap { l in obscuration.map { .airy(lambdaOverD: l, obscuration: $0) } }
        }
        guard !failed, let result else { return nil }
        return (result, varying.isEmpty ? nil : PSFVariation(parameters: varying))
    }

    func noise(_ n: YNode) -> (model: NoiseDescription, gain: Double, subtractSky: Bool)? {
        guard let m = reader.mapping(n, required: ["type"], optional: ["sigma", "gain", "read_noise", "subtract_sky"]),
              let typeNode = m["type"], let type = reader.string(typeNode) else { return nil }
        let subtract = m["subtract_sky"].map(reader.bool) ?? true
        func reject(_ keys: [String]) {
            for key in keys { if let k = m[key] { reader.fail(k, "'\(key)' does not apply to \(type) noise") } }
        }
        switch type {
        case "none":
            reject(["sigma", "gain", "read_noise"])
            guard let subtract else { return nil }
            return (.none, 1, subtract)
        case "gaussian":
            reject(["gain", "read_noise"])
            guard let s = m["sigma"] ?? missing(n, "sigma"), let sigma = reader.number(s, .positive), let subtract else { return nil }
            return (.gaussian(sigma: sigma), 1, subtract)
        case "ccd":
            reject(["sigma"])
            let gain = m["gain"].map { reader.number($0, ValueRange(0, 1e6, lowOpen: true)) } ?? 1
            let read = m["read_noise"].map { reader.number($0, ValueRange(0, 1e6)) } ?? 0
            guard let gain, let read, let subtract else { return nil }
            return (.ccd(gain: gain, readNoise: read), gain, subtract)
        default:
            reader.fail(typeNode, "unknown noise type '\(type)'; allowed: none, gaussian, ccd")
            return nil
        }
    }

    func output(_ n: YNode) -> OutputOptions? {
        guard let m = reader.mapping(n, required: [], optional: ["noiseless", "segmentation", "lens_planes", "detection_snr",
                                                                  "mask_threshold"]) else { return nil }
        let noiseless = m["noiseless"].map(reader.bool) ?? false
        let segmentation = m["segmentation"].map(reader.bool) ?? false
        let lensPlanes = m["lens_planes"].map(reader.bool) ?? false
        let snr: Double?? = m["detection_snr"].map { reader.number($0, ValueRange(0, 1e6, lowOpen: true), name: "detection_snr") }
        let threshold = m["mask_threshold"].map { reader.number($0, ValueRange(0, 1e6, lowOpen: true), name: "mask_threshold") } ?? 1
        guard let noiseless, let segmentation, let lensPlanes, snr != .some(nil), let threshold else { return nil }
        return OutputOptions(noiseless: noiseless, segmentation: segmentation, lensPlanes: lensPlanes, detectionSNR: snr ?? nil,
                             maskThreshold: threshold)
    }

    func objects(_ n: YNode, bandNames: [String]) -> [ObjectGroup]? {
        guard let items = reader.sequence(n) else { return nil }
        let groups = items.compactMap { object($0, bandNames: bandNames) }
        return groups.count == items.count ? groups : nil
    }

    func object(_ n: YNode, bandNames: [String]) -> ObjectGroup? {
        guard case .mapping(let map) = n.node else {
            reader.fail(n, "expected an object mapping with a 'type' key, found \(n.kindName)")
            return nil
        }
        guard let typeEntry = map.first(where: { $0.key.string == "type" }) else {
            reader.fail(n, "missing required key 'type' (sersic, star or a shape kind)", field: "\(n.path).type")
            return nil
        }
        var group = objectGroup(n, typeNode: n.child("type", typeEntry.value), bandNames: bandNames)
        if let entry = map.first(where: { $0.key.string == "min_separation" }) {
            let node = n.child("min_separation", entry.value)
            guard let separation = reader.number(node, ValueRange(0, 100, lowOpen: true), name: "min_separation") else { return nil }
            group?.minSeparation = separation
        }
        return group
    }

    private func objectGroup(_ n: YNode, typeNode: YNode, bandNames: [String]) -> ObjectGroup? {
        let common = ["type", "count", "offset", "magnitude", "flux", "min_separation"]
        switch reader.string(typeNode) {
        case "sersic":
            guard let m = reader.mapping(n, required: ["type", "n", "half_light_radius"],
                                         optional: common + ["q", "beta", "g1", "g2"]) else { return nil }
            let sersicN = m["n"].flatMap { reader.distribution($0, SceneLoader.sersicIndexRange) }
            let radius = m["half_light_radius"].flatMap { reader.distribution($0, .positive) }
            let shape = shape(n, m)
            let offset = offset(n, m["offset"])
            let brightness = brightness(n, m, bandNames: bandNames)
            let count = m["count"].map(reader.count) ?? .constant(1)
            guard let sersicN, let radius, let shape, let offset, let brightness, let count else { return nil }
            return ObjectGroup(kind: .sersic(SersicDescription(n: sersicN, halfLightRadius: radius, shape: shape,
                                                               offset: offset, brightness: brightness)), count: count)
        case "star":
            guard let m = reader.mapping(n, required: ["type"], optional: common) else { return nil }
            let offset = offset(n, m["offset"])
            let brightness = brightness(n, m, bandNames: bandNames)
            let count = m["count"].map(reader.count) ?? .constant(1)
            guard let offset, let brightness, let count else { return nil }
            return ObjectGroup(kind: .star(StarDescription(offset: offset, brightness: brightness)), count: count)
        case "lens":
            return lens(n, bandNames: bandNames)
        case let other? where GalaxyKind(rawValue: other) != nil:
            return galaxy(n, kind: GalaxyKind(rawValue: other)!, bandNames: bandNames)
        case let other? where GeometricKind(rawValue: other) != nil:
            return geometric(n, kind: GeometricKind(rawValue: other)!, bandNames: bandNames)
        case let other?:
            let allowed = ["sersic", "star", "lens"] + GalaxyKind.allCases.map(\.rawValue) + GeometricKind.allCases.map(\.rawValue)
            reader.fail(typeNode, "unknown object type '\(other)'; allowed: \(allowed.joined(separator: ", "))")
            return nil
        case nil:
            return nil
        }
    }

    func shape(_ n: YNode, _ m: [String: YNode]) -> ShapeDescription? {
        let hasAxis = m["q"] != nil || m["beta"] != nil
        let hasShear = m["g1"] != nil || m["g2"] != nil
        if hasAxis && hasShear {
            reader.fail(n, "give the shape as (q, beta) or as (g1, g2), not both")
            return nil
        }
        if hasShear {
            let unit = ValueRange(-1, 1, lowOpen: true, highOpen: true)
            let g1 = m["g1"].map { reader.distribution($0, unit) } ?? .constant(0)
            let g2 = m["g2"].map { reader.distribution($0, unit) } ?? .constant(0)
            guard let g1, let g2 else { return nil }
            let s1 = max(abs(g1.support.lowerBound), abs(g1.support.upperBound))
            let s2 = max(abs(g2.support.lowerBound), abs(g2.support.upperBound))
            if s1 * s1 + s2 * s2 >= 1 {
                reader.fail(n, "g1² + g2² can reach \(s1 * s1 + s2 * s2); allowed |g| < 1", field: "\(n.path).g1")
                return nil
            }
            return .shear(g1: g1, g2: g2)
        }
        let q = m["q"].map { reader.distribution($0, ValueRange(0.01, 1)) } ?? .constant(1)
        let beta = m["beta"].map { reader.distribution($0, ValueRange(-360, 360)) } ?? .constant(0)
        guard let q, let beta else { return nil }
        return .axisRatio(q: q, beta: beta)
    }

    func offset(_ parent: YNode, _ n: YNode?) -> OffsetDescription? {
        guard let n else { return OffsetDescription(x: .constant(0), y: .constant(0)) }
        let range = ValueRange.any
        if case .mapping = n.node, !reader.isDistributionMapping(n) {
            guard let m = reader.mapping(n, required: [], optional: ["x", "y"]) else { return nil }
            let x = m["x"].map { reader.distribution($0, range) } ?? .constant(0)
            let y = m["y"].map { reader.distribution($0, range) } ?? .constant(0)
            guard let x, let y else { return nil }
            return OffsetDescription(x: x, y: y)
        }
        guard let d = reader.distribution(n, range) else { return nil }
        return OffsetDescription(x: d, y: d)
    }

    func brightness(_ n: YNode, _ m: [String: YNode], bandNames: [String]) -> Brightness? {
        let isMagnitude: Bool
        let node: YNode
        switch (m["magnitude"], m["flux"]) {
        case (let mag?, nil): isMagnitude = true; node = mag
        case (nil, let f?): isMagnitude = false; node = f
        case (nil, nil):
            reader.fail(n, "missing 'magnitude' (or 'flux' in electrons)", field: "\(n.path).magnitude")
            return nil
        default:
            reader.fail(n, "give magnitude or flux, not both")
            return nil
        }
        let range = isMagnitude ? ValueRange(-10, 50) : ValueRange(0, 1e15, lowOpen: true)
        if case .mapping = node.node, !reader.isDistributionMapping(node) {
            guard let entries = reader.mapping(node, required: [], optional: bandNames) else { return nil }
            var result: [BandBrightness] = []
            var entryNodes: [String: YNode] = [:]
            for band in bandNames {
                guard let e = entries[band] else {
                    reader.fail(node, "missing band '\(band)'; every band (\(bandNames.joined(separator: ", "))) needs a value",
                                field: "\(node.path).\(band)")
                    continue
                }
                entryNodes[band] = e
                if case .mapping(let map) = e.node, map.keys.contains(where: { $0.string == "relative_to" }) {
                    guard let rel = relative(e, bandNames: bandNames, isMagnitude: isMagnitude) else { continue }
                    result.append(BandBrightness(band: band, value: rel.value, relativeTo: rel.band))
                } else if let d = reader.distribution(e, range, name: isMagnitude ? "magnitude" : "flux") {
                    result.append(BandBrightness(band: band, value: d, relativeTo: nil))
                }
            }
            guard result.count == bandNames.count else { return nil }
            guard acyclic(result, at: node), relativeMagnitudesInRange(result, range: range, nodes: entryNodes) else { return nil }
            return Brightness(isMagnitude: isMagnitude, bands: result)
        }
        guard let d = reader.distribution(node, range, name: isMagnitude ? "magnitude" : "flux") else { return nil }
        return Brightness(isMagnitude: isMagnitude, bands: bandNames.map { BandBrightness(band: $0, value: d, relativeTo: nil) },
                          sameInEveryBand: true)
    }

    /// `{relative_to: band, <distribution>}` or `{relative_to: band, value: x}`: a colour in magnitudes.
    private func relative(_ n: YNode, bandNames: [String], isMagnitude: Bool) -> (band: String, value: Distribution)? {
        guard isMagnitude else {
            reader.fail(n, "relative_to works with magnitudes only")
            return nil
        }
        guard case .mapping(let map) = n.node, let refNode = map.first(where: { $0.key.string == "relative_to" }) else { return nil }
        let ref = n.child("relative_to", refNode.value)
        guard let band = reader.string(ref) else { return nil }
        guard bandNames.contains(band) else {
            reader.fail(ref, "unknown band '\(band)'; bands are \(bandNames.joined(separator: ", "))")
            return nil
        }
        let colourRange = ValueRange.any
        if map.keys.contains(where: { $0.string == "value" }) {
            guard let m = reader.mapping(n, required: ["relative_to", "value"], optional: []), let v = m["value"],
                  let x = reader.number(v, colourRange, name: "colour") else { return nil }
            return (band, .constant(x))
        }
        guard let d = reader.distribution(n, colourRange, name: "colour", extraKeys: ["relative_to"]) else { return nil }
        return (band, d)
    }

    /// A colour added to its reference band must not carry the magnitude outside `range` (an unbounded colour
    /// distribution such as `normal` is allowed: its draws stay finite).
    private func relativeMagnitudesInRange(_ entries: [BandBrightness], range: ValueRange, nodes: [String: YNode]) -> Bool {
        func support(_ band: String) -> ClosedRange<Double> {
            guard let entry = entries.first(where: { $0.band == band }) else { return 0...0 }
            guard let ref = entry.relativeTo else { return entry.value.support }
            let base = support(ref), colour = entry.value.support
            return (base.lowerBound + colour.lowerBound)...(base.upperBound + colour.upperBound)
        }
        for entry in entries where entry.relativeTo != nil {
            let s = support(entry.band)
            for bound in [s.lowerBound, s.upperBound] where bound.isFinite && !range.contains(bound) {
                if let n = nodes[entry.band] {
                    reader.fail(n, "the magnitude of band '\(entry.band)' can reach \(bound), outside the allowed range \(range.describe("magnitude"))")
                }
                return false
            }
        }
        return true
    }

    private func acyclic(_ entries: [BandBrightness], at n: YNode) -> Bool {
        for start in entries {
            var seen: Set<String> = [start.band]
            var current = start.relativeTo
            while let c = current {
                if seen.contains(c) {
                    reader.fail(n, "relative_to forms a cycle through band '\(c)'")
                    return false
                }
                seen.insert(c)
                current = entries.first { $0.band == c }?.relativeTo
            }
        }
        return true
    }

    private func missing(_ n: YNode, _ key: String) -> YNode? {
        reader.fail(n, "missing required key '\(key)'", field: "\(n.path).\(key)")
        return nil
    }
}
