#ifndef SKYSYNTH_CFFTW_SHIM_H
#define SKYSYNTH_CFFTW_SHIM_H
#include <fftw3.h>

/// FFTW's version string ("fftw-3.3.10-…"); a getter because the C global is not concurrency-safe.
static inline const char *skysynth_fftwf_version(void) { return fftwf_version; }
/// The planner flag SkySynth uses: deterministic plans only.
static inline unsigned skysynth_fftw_estimate(void) { return FFTW_ESTIMATE; }
#endif
