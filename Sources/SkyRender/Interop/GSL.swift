internal import CGSL

/// A GSL call that returned an error status.
public struct GSLError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let status: Int32
    public var description: String { "GSL \(call) failed with status \(status)" }
}

/// The GSL special functions SkySynth uses. The only file that imports CGSL.
enum GSL {
    /// Turns GSL's abort-on-error handler off once, so statuses come back to Swift.
    private static let quiet: Void = { skysynth_gsl_quiet() }()

    /// Regularised lower incomplete gamma P(a, x).
    static func gammaIncP(_ a: Double, _ x: Double) throws -> Double {
        _ = quiet
        var result = gsl_sf_result()
        let status = gsl_sf_gamma_inc_P_e(a, x, &result)
        guard status == GSL_SUCCESS else { throw GSLError(call: "gsl_sf_gamma_inc_P_e(\(a), \(x))", status: status) }
        return result.val
    }

    /// ln Γ(x) for x > 0.
    static func lnGamma(_ x: Double) -> Double {
        _ = quiet
        return gsl_sf_lngamma(x)
    }

    /// e^x K_ν(x), the exponentially scaled modified Bessel function of the second kind.
    static func besselKnuScaled(_ nu: Double, _ x: Double) throws -> Double {
        _ = quiet
        var result = gsl_sf_result()
        let status = gsl_sf_bessel_Knu_scaled_e(nu, x, &result)
        guard status == GSL_SUCCESS else { throw GSLError(call: "gsl_sf_bessel_Knu_scaled_e(\(nu), \(x))", status: status) }
        return result.val
    }

    /// J₀(x).
    static func besselJ0(_ x: Double) -> Double {
        gsl_sf_bessel_J0(x)
    }

    /// The s-th positive zero of J₀ (s ≥ 1).
    static func besselZeroJ0(_ s: Int) -> Double {
        _ = quiet
        return gsl_sf_bessel_zero_J0(UInt32(s))
    }

    /// "gsl-2.7.1"-style version string.
    static var version: String { "gsl-" + String(cString: skysynth_gsl_version()) }
}
