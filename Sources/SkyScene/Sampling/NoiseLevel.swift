extension SampleSpec {
    /// σ of the band-summed sky and read noise per pixel, electrons (0 when every band is noiseless).
    public var combinedNoiseSigma: Double {
        var variance = 0.0
        for band in bands {
            switch band.noise {
            case .none: break
            case .gaussian(let sigma): variance += sigma * band.gain * sigma * band.gain
            case .ccd(_, let read): variance += band.skyElectrons + read * read
            }
        }
        return variance.squareRoot()
    }

    /// Electrons per pixel (band-summed) above which light enters the segmentation and arc masks: `k` × σ, σ ≥ 1 e⁻.
    public func maskThreshold(_ k: Double) -> Double { k * max(1, combinedNoiseSigma) }
}
