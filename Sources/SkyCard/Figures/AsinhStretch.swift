import Foundation

/// The astronomical display stretch of one stamp: asinh of the sky-subtracted value in units of a robust noise estimate.
///
/// `t(v) = asinh((v − median) / σ) / asinh((top − median) / σ)`, clipped to [0, 1], where `median` is the stamp's
/// median (the sky), σ = 1.4826 · MAD (the Gaussian-equivalent noise; fallbacks below when it is 0), and `top` the
/// stamp's maximum but at least median + 10σ (so a stamp of pure noise is not stretched to full white).
/// Values at or below the median map to 0, noise is nearly linear, bright cores are compressed logarithmically,
/// and only the brightest pixel reaches 1.
public struct AsinhStretch: Equatable, Sendable {
    /// The level mapped to 0 (the stamp's median).
    public let median: Double
    /// The noise scale σ the values are divided by before asinh.
    public let sigma: Double
    /// asinh((top − median) / σ): the normalisation that maps `top` to 1.
    public let range: Double

    /// The noise scale factor turning a median absolute deviation into a Gaussian sigma.
    public static let madToSigma = 1.4826
    /// `top` is at least this many σ above the median.
    public static let minimumTopSigmas = 10.0

    /// The stretch of `values` (one stamp, one band); NaN values are ignored.
    public init(values: [Float]) {
        let finite = values.lazy.filter { $0.isFinite }.map(Double.init)
        let data = Array(finite)
        let median = Statistics.median(data) ?? 0
        var sigma = Self.madToSigma * (Statistics.medianAbsoluteDeviation(data, from: median) ?? 0)
        let maximum = data.max() ?? median
        let minimum = data.min() ?? median
        if !(sigma > 0) {
            // More than half the pixels equal the median (e.g. a noiseless stamp): fall back to a fraction of the span.
            sigma = (maximum - minimum) / 1000
        }
        if !(sigma > 0) { sigma = 1 }
        self.init(median: median, sigma: sigma, top: max(maximum, median + Self.minimumTopSigmas * sigma))
    }

    /// A stretch with explicit parameters; `top` maps to 1 and must exceed `median`.
    public init(median: Double, sigma: Double, top: Double) {
        self.median = median
        self.sigma = sigma
        range = asinh((top - median) / sigma)
    }

    /// The stretched value of `value` in [0, 1]; NaN maps to 0.
    public func callAsFunction(_ value: Double) -> Double {
        guard !value.isNaN, range > 0 else { return 0 }
        let t = asinh((value - median) / sigma) / range
        return min(max(t, 0), 1)
    }

    /// The stretched value as a gray level 0...255 (rounded to nearest).
    public func gray(_ value: Float) -> UInt8 {
        UInt8((self(Double(value)) * 255).rounded())
    }
}
