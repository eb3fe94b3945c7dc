import Yams

/// Expands a scene's optional `sweep:` section into one validated scene per point.
///
/// ```yaml
/// sweep:
///   grid:                              # Cartesian product (first parameter slowest); or `zip:` (equal-length lists)
///     bands.*.psf.fwhm: [0.5, 0.7, 0.9]
///     bands.*.noise.read_noise: [2, 5]
///   replicates: 100                    # samples per point; count = points × replicates
///   common_random_numbers: true        # replicate k keeps its draws at every point (default)
/// ```
struct SweepBuilder {
    let reader: YAMLReader

    func scene(_ root: Node) -> SceneDescription? {
        let rootNode = YNode(node: root, path: "")
        guard case .mapping(var top) = root, let sweepNode = top[Node("sweep")] else {
            return SceneBuilder(reader: reader).scene(rootNode)
        }
        let sweep = YNode(node: sweepNode, path: "sweep")
        if let countNode = top[Node("count")] {
            reader.fail(YNode(node: countNode, path: "count"),
                        "a scene with a sweep has count = points × replicates; remove count")
            return nil
        }
        guard let parsed = parse(sweep) else { return nil }
        top[Node("sweep")] = nil
        top[Node("count")] = Node(String(parsed.points.count * parsed.replicates), .implicit, .plain)
        var scenes: [SceneDescription] = []
        for point in parsed.points {
            var tree = Node.mapping(top)
            for (path, value) in zip(parsed.paths, point) {
                do {
                    tree = try path.assigning(value.node, in: tree)
                } catch {
                    reader.fail(value, "\(error)")
                    return nil
                }
            }
            guard let scene = SceneBuilder(reader: reader).scene(YNode(node: tree, path: "")) else { return nil }
            scenes.append(scene)
        }
        guard let first = scenes.first, consistent(scenes, at: sweep) else { return nil }
        var result = first
        result.sweep = SweepDescription(
            parameters: parsed.paths.map(\.description),
            values: parsed.points.map { $0.map { text($0.node) } },
            coordinates: parsed.points.map { $0.map { number($0.node) } },
            replicates: parsed.replicates, commonRandomNumbers: parsed.commonRandomNumbers, scenes: scenes)
        return result
    }

    /// The sweep section: paths, the value nodes of every point, replicates, CRN flag.
    private func parse(_ n: YNode) -> (paths: [NodePath], points: [[YNode]], replicates: Int, commonRandomNumbers: Bool)? {
        guard let m = reader.mapping(n, required: ["replicates"], optional: ["grid", "zip", "common_random_numbers"]) else {
            return nil
        }
        let replicates = m["replicates"].flatMap { reader.integer($0, 1...10_000_000) }
        let crn = m["common_random_numbers"].map(reader.bool) ?? true
        guard (m["grid"] == nil) != (m["zip"] == nil) else {
            reader.fail(n, "give exactly one of grid (Cartesian product) or zip (lists of equal length)")
            return nil
        }
        let isGrid = m["grid"] != nil
        guard let section = m["grid"] ?? m["zip"], case .mapping(let entries) = section.node, !entries.isEmpty else {
            reader.fail(m["grid"] ?? m["zip"] ?? n, "expected a mapping of parameter path → list of values")
            return nil
        }
        var paths: [NodePath] = []
        var lists: [[YNode]] = []
        for (key, value) in entries {
            let keyText = key.string ?? ""
            let entry = section.child(keyText, value)
            guard let path = NodePath(keyText) else {
                reader.fail(YNode(node: key, path: entry.path), "'\(keyText)' is not a parameter path (e.g. bands.*.psf.fwhm)")
                return nil
            }
            guard let items = reader.sequence(entry) else { return nil }
            paths.append(path)
            lists.append(items)
        }
        var points: [[YNode]]
        if isGrid {
            points = [[]]
            for list in lists { points = points.flatMap { prefix in list.map { prefix + [$0] } } }
        } else {
            guard Set(lists.map(\.count)).count == 1 else {
                reader.fail(section, "zip needs lists of equal length, found \(lists.map { String($0.count) }.joined(separator: ", "))")
                return nil
            }
            points = (0..<lists[0].count).map { i in lists.map { $0[i] } }
        }
        guard let replicates, let crn else { return nil }
        guard points.count * replicates <= 100_000_000 else {
            reader.fail(n, "\(points.count) points × \(replicates) replicates is more than 100000000 samples")
            return nil
        }
        return (paths, points, replicates, crn)
    }

    /// Points may change bands' conditions and objects, not what makes the samples one dataset.
    private func consistent(_ scenes: [SceneDescription], at n: YNode) -> Bool {
        let first = scenes[0]
        for scene in scenes.dropFirst() {
            let same = scene.name == first.name && scene.seed == first.seed && scene.image == first.image
                && scene.splits == first.splits && scene.output == first.output
                && scene.bands.map(\.name) == first.bands.map(\.name)
            if !same {
                reader.fail(n, "a sweep may vary band conditions and objects, not the name, seed, image, splits, output or bands")
                return false
            }
        }
        return true
    }

    /// A value as YAML text.
    private func text(_ node: Node) -> String {
        if case .scalar(let s) = node { return s.string }
        return ((try? Yams.serialize(node: node)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A value as a number (NaN for non-numbers).
    private func number(_ node: Node) -> Double {
        if case .scalar(let s) = node, s.style == .plain, let v = Double(s.string) { return v }
        return .nan
    }
}
