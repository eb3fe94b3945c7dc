/// The instruction set this binary was compiled for: `scripts/release-build` passes `-D SKYSYNTH_BUILD_ZNVER4` or
/// `-D SKYSYNTH_BUILD_HASWELL` with the matching `-target-cpu`; any other build is baseline. Benchmark figures depend
/// on it (the AVX-512 build draws noise and lens rays ~1.4× as fast as the AVX2 one), so `bench` reports it.
enum BuildTarget {
    /// Short name, as in the bench JSON (`instruction_set`).
    #if SKYSYNTH_BUILD_ZNVER4
    static let name = "avx512-znver4"
    #elseif SKYSYNTH_BUILD_HASWELL
    static let name = "avx2-haswell"
    #else
    static let name = "baseline"
    #endif

    /// For the printed header, e.g. "AVX-512 (znver4) build".
    static var description: String {
        switch name {
        case "avx512-znver4": return "AVX-512 (znver4) build"
        case "avx2-haswell": return "AVX2 (haswell) build"
        default: return "baseline build"
        }
    }
}
