/// Versions of the numerical C libraries the renderer links, recorded in every dataset.
public enum LibraryVersions {
    /// e.g. "fftw-3.3.10-sse2-avx, wisdom 0123456789ab": FFTW's version and whether the shipped wisdom (its identity)
    /// imported, which decides the plans and so the bits of every FFT.
    public static var fftw: String { "\(fftwVersion), \(fftwWisdomStatus)" }
    /// e.g. "gsl-2.7.1".
    public static var gsl: String { GSL.version }
}
