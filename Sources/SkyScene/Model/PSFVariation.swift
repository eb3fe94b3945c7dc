/// PSF parameters drawn per sample: each varying parameter's distribution, by scene name (fwhm, beta,
/// lambda_over_d, obscuration); the others keep the band's constant value.
public struct PSFVariation: Sendable, Equatable, Codable {
    public var parameters: [String: Distribution]

    public init(parameters: [String: Distribution]) {
        self.parameters = parameters
    }

    /// The band's PSF with every varying parameter replaced by its draw.
    public func resolve(_ base: PSFDescription, draw: (String, Distribution) -> Double) -> PSFDescription {
        func value(_ name: String, _ constant: Double) -> Double { parameters[name].map { draw(name, $0) } ?? constant }
        switch base {
        case .gaussian(let fwhm): return .gaussian(fwhm: value("fwhm", fwhm))
        case .moffat(let beta, let fwhm): return .moffat(beta: value("beta", beta), fwhm: value("fwhm", fwhm))
        case .airy(let lambdaOverD, let obscuration):
            return .airy(lambdaOverD: value("lambda_over_d", lambdaOverD), obscuration: value("obscuration", obscuration))
        case .kernel: return base  // kernel parameters are fixed
        }
    }
}
