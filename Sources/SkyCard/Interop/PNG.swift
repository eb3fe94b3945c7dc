internal import CPNG

/// Writes 8-bit PNG files with libpng's simplified API (`png_image_write_to_file`). The only file that imports libpng.
///
/// Output is deterministic: the simplified API writes no time chunk, and every setting (8-bit samples,
/// non-interlaced, libpng's default filters and zlib level, an sRGB chunk) is fixed, so the same pixels give the same bytes.
enum PNG {
    /// Pixel layout of the buffer handed to `write`.
    enum Color {
        /// One byte per pixel.
        case gray
        /// Three bytes per pixel: red, green, blue.
        case rgb

        var channels: Int { self == .gray ? 1 : 3 }
    }

    /// The linked libpng's version, e.g. "1.6.39".
    static var libraryVersion: String {
        guard let version = png_get_libpng_ver(nil) else { return "unknown" }
        return String(cString: version)
    }

    /// Writes `pixels` (rows top to bottom, `width × channels` bytes each, no padding) to `path`.
    /// Throws naming the file and libpng's message on any error or warning; libpng removes a half-written file.
    static func write(path: String, width: Int, height: Int, color: Color, pixels: [UInt8]) throws {
        let stride = width * color.channels
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw CardError("cannot write \(path): a PNG of \(width)×\(height) pixels is not supported")
        }
        guard pixels.count == stride * height else {
            throw CardError("cannot write \(path): \(pixels.count) bytes for a \(width)×\(height) \(color) image "
                            + "(expected \(stride * height))")
        }
        var image = png_image()
        image.opaque = nil
        image.version = skysynth_png_image_version()
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = color == .gray ? skysynth_png_format_gray() : skysynth_png_format_rgb()
        image.flags = 0
        let status = pixels.withUnsafeBytes { buffer in
            png_image_write_to_file(&image, path, 0, buffer.baseAddress, png_int_32(stride), nil)
        }
        let failed = skysynth_png_image_failed(&image) != 0
        let warned = skysynth_png_image_warned(&image) != 0
        let message = String(cString: skysynth_png_image_message(&image))
        png_image_free(&image)  // no-op after a completed call; frees the control structure after an early failure
        guard status != 0, !failed else {
            throw CardError("cannot write \(path): libpng: \(message.isEmpty ? "unknown error" : message)")
        }
        guard !warned else {
            throw CardError("libpng warned while writing \(path): \(message)")
        }
    }
}
