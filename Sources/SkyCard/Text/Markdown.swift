import Foundation

/// Markdown and number formatting shared by the card text.
enum Markdown {
    /// A table cell: pipes escaped, line breaks turned into spaces, empty cells shown as "".
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// Inline code, with a fence longer than any run of backticks inside.
    static func code(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// A table: header row, separator, rows (cells already formatted).
    static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> [String] {
        let separator = header.indices.map { alignRight.contains($0) ? "---:" : "---" }
        return ([header, separator] + rows).map { "| " + $0.joined(separator: " | ") + " |" }
    }

    /// A fenced code block holding `text` verbatim, fenced with more backticks than any run inside.
    static func fencedBlock(_ text: String, language: String) -> [String] {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        var body = text
        if body.hasSuffix("\n") { body.removeLast() }
        return [fence + language] + (body.isEmpty ? [] : [body]) + [fence]
    }

    /// Length of the longest run of consecutive backticks in `text`.
    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// A number for the card: integers in full, other values with 4 significant digits (`%.4g`); NaN as "NaN".
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }

    /// An optional number, "—" when nil.
    static func number(_ value: Double?) -> String {
        value.map { number($0) } ?? "—"
    }

    /// A dataset shape as "[40, 3, 64, 64]".
    static func shape(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// "1 sample" / "2 samples".
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
