/// The instruction set this binary was compiled for: `scripts/release-build` passes `-D SKYSYNTH_BUILD_ZNVER4` or
/// `-D SKYSYNTH_BUILD_HASWELL` with the matching `-target-cpu`; any other build is baseline. Benchmark figures depend
/// on it (the AVX-512 build draws noise and lens rays ~1.4× as fast as the AVX2 one), so `bench` reports it.
enum BuildTarget {
    #if SKYSYNTH_BUILD_ZNVER4
    /// Short name, as in the bench JSON (`instruction_set`).
    static let name = "avx512-znver4"
    /// For the printed header.
    static let description = "AVX-512 (znver4) build"
    #elseif SKYSYNTH_BUILD_HASWELL
    /// Short name, as in the bench JSON (`instruction_set`).
    static let name = "avx2-haswell"
    /// For the printed header.
    static let description = "AVX2 (haswell) build"
    #else
    /// Short name, as in the bench JSON (`instruction_set`).
    static let name = "baseline"
    /// For the printed header.
    static let description = "baseline build"
    #endif
}
