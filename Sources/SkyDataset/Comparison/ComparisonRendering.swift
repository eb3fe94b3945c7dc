import Foundation

/// Number formatting shared by the comparison report.
enum ComparisonFormat {
    /// 3 significant digits ("0.00217", "1e-05", "2.17e+03"), "0", "inf" or "nan".
    static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return String(format: "%.3g", x)
    }
}

extension DatasetComparison {
    /// "ok", "FAIL: 2 of 9 differ" (exact) or "FAIL: 3 beyond tolerance" (pixels).
    public var verdict: String {
        if passed { return "ok" }
        if isPixels { return "FAIL: \(failingElements) beyond tolerance" }
        return "FAIL: \(failingElements) of \(elementsCompared) differ\(failingElements == 1 ? "s" : "")"
    }
}

extension ComparisonReport {
    /// The report as `skysynth check` prints it: files, rule, notes and mismatches, the per-dataset table
    /// (dataset, elements compared, max |Δ|, where, max |Δ| relative to the golden peak, verdict), then the
    /// pixel tolerances and the first difference of every failing dataset. The summary line is separate (`summary`).
    public func render() -> String {
        var lines = ["check \(newPath)", "against \(goldenPath)"]
        lines.append("rule: pixels (\(DatasetComparer.pixelDatasets.sorted().joined(separator: ", "))) within "
                     + "|new − golden| ≤ atol + rtol·|golden|, \(tolerance); truth and labels exactly "
                     + "(floats bit for bit, NaN = NaN)")
        lines += notes.map { "note: \($0)" }
        lines += sceneMismatches.map { "scene mismatch: \($0)" }
        lines += schemaMismatches.map { "schema mismatch: \($0)" }
        if !datasets.isEmpty {
            lines.append("")
            let header = ["dataset", "elements", "max |Δ|", "where", "max |Δ|/peak", "verdict"]
            let rows = datasets.map { d in
                [d.path, String(d.elementsCompared), d.maxAbsDifference.map(ComparisonFormat.number) ?? "—",
                 d.locationDescription, d.relativeToPeak.map(ComparisonFormat.number) ?? "—", d.verdict]
            }
            let widths = (0..<5).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                let cells = (0..<5).map { column in
                    column == 1 ? row[column].padded(to: widths[column], left: true) : row[column].padded(to: widths[column])
                }
                lines.append(cells.joined(separator: "  ") + "  " + row[5])
            }
        }
        let pixelRows = datasets.filter(\.isPixels)
        let failing = failedDatasets
        if !pixelRows.isEmpty || !failing.isEmpty { lines.append("") }
        for d in pixelRows {
            guard case let .tolerance(rtol, atol) = d.rule else { continue }
            let origin = tolerance.atol == nil
                ? " (\(ComparisonFormat.number(tolerance.atolFractionOfPeak)) × golden peak \(ComparisonFormat.number(d.goldenPeak ?? 0)))"
                : ""
            lines.append("tolerance \(d.path): |Δ| ≤ \(ComparisonFormat.number(atol))\(origin) + "
                         + "\(ComparisonFormat.number(rtol))·|golden|")
        }
        for d in failing {
            lines.append("\(d.path) at \(d.locationDescription): \(d.detail ?? "differs")")
        }
        return lines.joined(separator: "\n")
    }

    /// One line: "check passed: …" or "check failed: scene mismatch (seed); 2 datasets differ: /images (…), …".
    public var summary: String {
        if passed {
            let worst = datasets.filter(\.isPixels).compactMap(\.relativeToPeak).max() ?? 0
            return "check passed: \(datasets.count) datasets (\(elementsCompared) elements) match \(goldenPath): "
                + "truth and labels exactly, pixels within tolerance (largest |Δ|/peak \(ComparisonFormat.number(worst)))"
        }
        var parts: [String] = []
        if !sceneMismatches.isEmpty {
            let names = sceneMismatches.map { String($0.prefix { $0 != ":" }) }
            parts.append("scene mismatch (\(names.joined(separator: ", ")))")
        }
        if !schemaMismatches.isEmpty {
            parts.append("schema mismatch (\(schemaMismatches.count) dataset\(schemaMismatches.count == 1 ? "" : "s"): "
                         + Self.list(schemaMismatches.map { String($0.prefix { $0 != " " }) }) + ")")
        }
        let failing = failedDatasets
        if !failing.isEmpty {
            let items = failing.map { d in
                d.isPixels ? "\(d.path) (\(d.failingElements) beyond tolerance, max |Δ| "
                    + "\(ComparisonFormat.number(d.maxAbsDifference ?? 0)) at \(d.locationDescription))"
                    : "\(d.path) (\(d.failingElements) of \(d.elementsCompared))"
            }
            parts.append("\(failing.count) dataset\(failing.count == 1 ? "" : "s") differ\(failing.count == 1 ? "s" : ""): "
                         + Self.list(items))
        }
        return "check failed: " + parts.joined(separator: "; ")
    }

    /// The first six items, then "and N more".
    private static func list(_ items: [String]) -> String {
        items.count <= 6 ? items.joined(separator: ", ")
            : items.prefix(6).joined(separator: ", ") + " and \(items.count - 6) more"
    }
}

private extension String {
    /// The string padded with spaces to `width` characters, on the right (or the left).
    func padded(to width: Int, left: Bool = false) -> String {
        guard count < width else { return self }
        let fill = String(repeating: " ", count: width - count)
        return left ? fill + self : self + fill
    }
}
