#ifndef SKYSYNTH_CGSL_SHIM_H
#define SKYSYNTH_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_version.h>

/// GSL's version string; a getter because the C global is not concurrency-safe.
static inline const char *skysynth_gsl_version(void) { return gsl_version; }
/// Turns GSL's abort-on-error handler off once, so every status is returned to Swift.
static inline void skysynth_gsl_quiet(void) { gsl_set_error_handler_off(); }
#endif
