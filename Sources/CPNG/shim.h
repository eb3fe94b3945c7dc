#ifndef SKYSYNTH_CPNG_SHIM_H
#define SKYSYNTH_CPNG_SHIM_H
#include <png.h>

/* libpng's simplified-API constants and the PNG_IMAGE_FAILED test are macros; each gets a static inline
   getter here so Swift sees a plain function (only Sources/SkyCard/Interop/PNG.swift imports this module). */
static inline png_uint_32 skysynth_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 skysynth_png_format_gray(void) { return PNG_FORMAT_GRAY; }
static inline png_uint_32 skysynth_png_format_rgb(void) { return PNG_FORMAT_RGB; }
/// 1 when the last simplified-API call on `image` failed (an error, possibly after a warning).
static inline int skysynth_png_image_failed(const png_image *image) { return PNG_IMAGE_FAILED(*image) ? 1 : 0; }
/// 1 when the last call recorded a warning only.
static inline int skysynth_png_image_warned(const png_image *image) {
    return (image->warning_or_error & 0x03) == PNG_IMAGE_WARNING ? 1 : 0;
}
/// The NUL-terminated error or warning message of the last call.
static inline const char *skysynth_png_image_message(const png_image *image) { return image->message; }
#endif
