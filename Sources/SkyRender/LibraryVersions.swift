/// Versions of the numerical C libraries the renderer links, recorded in every dataset.
public enum LibraryVersions {
    /// e.g. "fftw-3.3.10-sse2-avx".
    public static var fftw: String { fftwVersion }
    /// e.g. "gsl-2.7.1".
    public static var gsl: String { GSL.version }
}
