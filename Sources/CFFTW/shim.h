#ifndef SKYSYNTH_CFFTW_SHIM_H
#define SKYSYNTH_CFFTW_SHIM_H
#include <fftw3.h>

/// FFTW's version string ("fftw-3.3.10-…"); a getter because the C global is not concurrency-safe.
static inline const char *skysynth_fftwf_version(void) { return fftwf_version; }
/// The planner flags of a plan the shipped wisdom does not hold: deterministic plans only.
static inline unsigned skysynth_fftw_estimate(void) { return FFTW_ESTIMATE; }
/// Planner flags of a plan taken from wisdom measured elsewhere: only if the wisdom has it (never measured here).
static inline unsigned skysynth_fftw_wisdom_only(void) { return FFTW_MEASURE | FFTW_WISDOM_ONLY; }
/// Planner flags when recording wisdom (`scripts/record-fftw-wisdom`): measured.
static inline unsigned skysynth_fftw_measure(void) { return FFTW_MEASURE; }
#endif
