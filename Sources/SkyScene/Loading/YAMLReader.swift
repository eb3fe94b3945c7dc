import Yams

/// A YAML node with the dotted path that led to it.
struct YNode {
    let node: Node
    let path: String

    var line: Int { node.mark?.line ?? 0 }
    var column: Int { node.mark?.column ?? 0 }

    func child(_ key: String, _ node: Node) -> YNode {
        YNode(node: node, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func element(_ index: Int, _ node: Node) -> YNode {
        YNode(node: node, path: "\(path)[\(index)]")
    }

    /// What kind of YAML value this is, for "expected X, found Y" messages.
    var kindName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if s.style != .plain { return "a quoted string" }
            if Double(s.string) != nil { return "a number" }
            return "'\(s.string)'"
        }
    }
}

/// Walks a YAML tree, collecting every problem instead of stopping at the first.
final class YAMLReader {
    let file: String
    private(set) var issues: [SceneIssue] = []

    init(file: String) {
        self.file = file
    }

    func fail(_ at: YNode, _ message: String, field: String? = nil) {
        issues.append(SceneIssue(file: file, line: at.line, column: at.column, field: field ?? at.path, message: message))
    }

    /// The entries of a mapping; unknown or duplicate keys and missing required keys are reported.
    func mapping(_ n: YNode, required: [String], optional: [String]) -> [String: YNode]? {
        guard case .mapping(let map) = n.node else {
            fail(n, "expected a mapping with keys \((required + optional).joined(separator: ", ")), found \(n.kindName)")
            return nil
        }
        var result: [String: YNode] = [:]
        let allowed = Set(required + optional)
        for (keyNode, valueNode) in map {
            let keyPath = YNode(node: keyNode, path: n.path)
            guard case .scalar(let key) = keyNode else {
                fail(keyPath, "keys must be plain names")
                continue
            }
            let child = n.child(key.string, valueNode)
            if !allowed.contains(key.string) {
                fail(YNode(node: keyNode, path: child.path), "unknown key '\(key.string)'; allowed keys here: \((required + optional).joined(separator: ", "))")
            } else if result[key.string] != nil {
                fail(YNode(node: keyNode, path: child.path), "duplicate key '\(key.string)'")
            } else {
                result[key.string] = child
            }
        }
        for key in required where result[key] == nil {
            fail(n, "missing required key '\(key)'", field: n.path.isEmpty ? key : "\(n.path).\(key)")
        }
        return result
    }

    /// The elements of a list.
    func sequence(_ n: YNode, nonEmpty: Bool = true) -> [YNode]? {
        guard case .sequence(let seq) = n.node else {
            fail(n, "expected a list, found \(n.kindName)")
            return nil
        }
        if nonEmpty && seq.isEmpty {
            fail(n, "must not be empty")
            return nil
        }
        return seq.enumerated().map { n.element($0.offset, $0.element) }
    }

    /// A plain (unquoted) scalar parsed as a finite number.
    func plainNumber(_ n: YNode) -> Double? {
        guard case .scalar(let s) = n.node, s.style == .plain, let v = Double(s.string.replacingOccurrences(of: "_", with: "")), v.isFinite else {
            return nil
        }
        return v
    }

    /// A number within `range`.
    func number(_ n: YNode, _ range: ValueRange, name: String? = nil) -> Double? {
        guard let v = plainNumber(n) else {
            fail(n, "expected a number (\(range.describe(name ?? lastComponent(n.path)))), found \(n.kindName)")
            return nil
        }
        guard range.contains(v) else {
            fail(n, "\(v) is out of range; allowed \(range.describe(name ?? lastComponent(n.path)))")
            return nil
        }
        return v
    }

    /// An integer within `range`.
    func integer(_ n: YNode, _ range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let s) = n.node, s.style == .plain, let v = Int(s.string.replacingOccurrences(of: "_", with: "")) else {
            fail(n, "expected a whole number (\(range.lowerBound) ≤ \(lastComponent(n.path)) ≤ \(range.upperBound)), found \(n.kindName)")
            return nil
        }
        guard range.contains(v) else {
            fail(n, "\(v) is out of range; allowed \(range.lowerBound) ≤ \(lastComponent(n.path)) ≤ \(range.upperBound)")
            return nil
        }
        return v
    }

    /// An unsigned 64-bit integer (seeds).
    func unsigned64(_ n: YNode) -> UInt64? {
        guard case .scalar(let s) = n.node, s.style == .plain, let v = UInt64(s.string.replacingOccurrences(of: "_", with: "")) else {
            fail(n, "expected a whole number 0 ≤ seed < 2^64, found \(n.kindName)")
            return nil
        }
        return v
    }

    /// A string scalar (quoted or plain).
    func string(_ n: YNode) -> String? {
        guard case .scalar(let s) = n.node else {
            fail(n, "expected text, found \(n.kindName)")
            return nil
        }
        return s.string
    }

    /// true/false.
    func bool(_ n: YNode) -> Bool? {
        guard case .scalar(let s) = n.node, s.style == .plain, let v = Bool.construct(from: s) else {
            fail(n, "expected true or false, found \(n.kindName)")
            return nil
        }
        return v
    }

    /// The field name at the end of a dotted path.
    func lastComponent(_ path: String) -> String {
        String(path.split(separator: ".").last ?? Substring(path))
    }
}
