/// One problem in a scene file: where it is, which field, what is allowed.
public struct SceneIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line (0 when the problem has no location, e.g. an unreadable file).
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Dotted path of the field, e.g. `objects[0].n`.
    public var field: String
    public var message: String

    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        return field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}

/// Every problem found in a scene file, reported together.
public struct SceneErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [SceneIssue]
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}

/// An allowed closed/open interval for a numeric field, with its human-readable form.
public struct ValueRange: Sendable {
    public var low: Double
    public var high: Double
    public var lowOpen: Bool
    public var highOpen: Bool

    public init(_ low: Double, _ high: Double, lowOpen: Bool = false, highOpen: Bool = false) {
        self.low = low
        self.high = high
        self.lowOpen = lowOpen
        self.highOpen = highOpen
    }

    /// Any finite number.
    public static let any = ValueRange(-.infinity, .infinity, lowOpen: true, highOpen: true)
    /// Strictly positive numbers.
    public static let positive = ValueRange(0, .infinity, lowOpen: true, highOpen: true)
    /// Zero or more.
    public static let nonNegative = ValueRange(0, .infinity, highOpen: true)

    public func contains(_ v: Double) -> Bool {
        guard v.isFinite || (v == low && !lowOpen) || (v == high && !highOpen) else { return false }
        let aboveLow = lowOpen ? v > low : v >= low
        let belowHigh = highOpen ? v < high : v <= high
        return aboveLow && belowHigh
    }

    /// E.g. "0.3 ≤ n ≤ 6.2" or "x > 0".
    public func describe(_ name: String) -> String {
        switch (low.isFinite, high.isFinite) {
        case (true, true): return "\(fmt(low)) \(lowOpen ? "<" : "≤") \(name) \(highOpen ? "<" : "≤") \(fmt(high))"
        case (true, false): return "\(name) \(lowOpen ? ">" : "≥") \(fmt(low))"
        case (false, true): return "\(name) \(highOpen ? "<" : "≤") \(fmt(high))"
        case (false, false): return "\(name) finite"
        }
    }

    private func fmt(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
