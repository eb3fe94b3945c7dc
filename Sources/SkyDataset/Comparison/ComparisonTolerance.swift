/// How closely the pixels of a checked dataset must match a golden file.
///
/// Only the pixel datasets (`DatasetComparer.pixelDatasets`) use it: an element passes when
/// |new − golden| ≤ atol + rtol·|golden|. Every other dataset (truth and labels) must be equal element
/// by element, whatever the tolerance.
///
/// Defaults: `rtol` 1e-5 and `atol` 1e-6 × the golden dataset's peak |value| (its largest finite absolute
/// value, so each pixel dataset gets its own atol). An explicit `atol` is an absolute value in ADU and
/// applies to both pixel datasets.
///
/// In JSON (a golden file's provenance): `{"rtol": 1e-05, "atol": null, "atol_fraction_of_peak": 1e-06}`;
/// `"atol": null` (or absent) means `atol_fraction_of_peak` × the golden peak.
public struct ComparisonTolerance: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Default relative tolerance.
    public static let defaultRelative = 1e-5
    /// Default absolute tolerance as a fraction of the golden dataset's peak |value|.
    public static let defaultFractionOfPeak = 1e-6
    /// rtol 1e-5, atol 1e-6 × the golden peak.
    public static let `default` = ComparisonTolerance()
    /// Identical pixels only (rtol 0, atol 0).
    public static let exact = ComparisonTolerance(rtol: 0, atol: 0)

    /// Relative tolerance: multiplies |golden|.
    public var rtol: Double
    /// Absolute tolerance in the pixels' unit (ADU); nil means `atolFractionOfPeak` × the golden peak.
    public var atol: Double?
    /// Absolute tolerance as a fraction of the golden dataset's peak |value|, used when `atol` is nil.
    public var atolFractionOfPeak: Double

    public init(rtol: Double = defaultRelative, atol: Double? = nil, atolFractionOfPeak: Double = defaultFractionOfPeak) {
        self.rtol = rtol
        self.atol = atol
        self.atolFractionOfPeak = atolFractionOfPeak
    }

    /// The absolute tolerance for a pixel dataset whose golden peak |value| is `goldenPeak`.
    public func absoluteTolerance(goldenPeak: Double) -> Double {
        atol ?? atolFractionOfPeak * goldenPeak
    }

    /// Throws when a value is negative, NaN or infinite.
    public func validate() throws {
        for (name, value) in [("rtol", rtol), ("atol", atol ?? 0), ("atol fraction of peak", atolFractionOfPeak)]
        where !(value.isFinite && value >= 0) {
            throw DatasetError.invalidArgument("tolerance \(name) must be a finite number ≥ 0, found \(value)")
        }
    }

    /// "rtol 1e-05, atol 1e-06 × the golden peak |value|" or "rtol 1e-05, atol 0.5".
    public var description: String {
        let absolute = atol.map { "atol \(ComparisonFormat.number($0))" }
            ?? "atol \(ComparisonFormat.number(atolFractionOfPeak)) × the golden peak |value|"
        return "rtol \(ComparisonFormat.number(rtol)), \(absolute)"
    }

    private enum CodingKeys: String, CodingKey {
        case rtol, atol, atolFractionOfPeak = "atol_fraction_of_peak"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rtol = try container.decodeIfPresent(Double.self, forKey: .rtol) ?? Self.defaultRelative
        atol = try container.decodeIfPresent(Double.self, forKey: .atol)
        atolFractionOfPeak = try container.decodeIfPresent(Double.self, forKey: .atolFractionOfPeak) ?? Self.defaultFractionOfPeak
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rtol, forKey: .rtol)
        if let atol { try container.encode(atol, forKey: .atol) } else { try container.encodeNil(forKey: .atol) }
        try container.encode(atolFractionOfPeak, forKey: .atolFractionOfPeak)
    }
}
