import Yams

/// A dotted path into a scene file's YAML tree, e.g. `bands.*.psf.fwhm`, `bands.r.sky.magnitude`, `objects[0].n`:
/// mapping keys by name; list elements by index, by `*` (every element), or by the element's `name:`.
public struct NodePath: Sendable, Equatable, CustomStringConvertible {
    public let segments: [String]
    public var description: String { segments.joined(separator: ".") }

    /// Parses "a.b[0].c" or "a.b.0.c"; nil for an empty path or empty segment.
    public init?(_ text: String) {
        var segments: [String] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let head = rest[..<bracket]
                if !head.isEmpty { segments.append(String(head)) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    segments.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                    rest = rest[rest.index(after: close)...]
                }
                guard rest.isEmpty else { return nil }
            } else {
                segments.append(String(rest))
            }
        }
        guard !segments.isEmpty, !segments.contains(where: \.isEmpty) else { return nil }
        self.segments = segments
    }

    /// A copy of `root` with `value` at this path. Missing final mapping keys are added (the strict loader then
    /// judges them); a missing intermediate key or list element is an error naming the segment.
    func assigning(_ value: Node, in root: Node) throws -> Node {
        try assign(value, in: root, at: segments[...])
    }

    private func assign(_ value: Node, in node: Node, at rest: ArraySlice<String>) throws -> Node {
        guard let segment = rest.first else { return value }
        let remaining = rest.dropFirst()
        switch node {
        case .mapping(var mapping):
            let key = Node(segment)
            if let existing = mapping[key] {
                mapping[key] = try assign(value, in: existing, at: remaining)
            } else if remaining.isEmpty {
                mapping[key] = value
            } else {
                throw NodePathError(path: self, message: "no key '\(segment)' here")
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            let indices: [Int]
            if segment == "*" {
                indices = Array(sequence.indices)
            } else if let i = Int(segment) {
                guard sequence.indices.contains(i) else {
                    throw NodePathError(path: self, message: "index \(i) is outside the list of \(sequence.count)")
                }
                indices = [i]
            } else {
                indices = sequence.indices.filter { sequence[$0].mapping?["name"]?.string == segment }
                guard !indices.isEmpty else {
                    throw NodePathError(path: self, message: "no list element named '\(segment)'")
                }
            }
            for i in indices { sequence[i] = try assign(value, in: sequence[i], at: remaining) }
            return .sequence(sequence)
        default:
            throw NodePathError(path: self, message: "'\(segment)' goes below a single value")
        }
    }
}

/// A path that does not fit the scene's tree.
public struct NodePathError: Error, Sendable, CustomStringConvertible {
    public let path: NodePath
    public let message: String
    public var description: String { "\(path): \(message)" }
}
