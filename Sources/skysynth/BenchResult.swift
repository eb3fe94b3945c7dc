import Foundation

/// One workload's figures, as printed and as written to `--json` (keys in snake_case).
struct BenchResult: Codable, Sendable {
    /// Workload name.
    var workload: String
    /// What one sample is.
    var description: String
    /// Bands per sample.
    var bands: Int
    /// Stamp width in pixels.
    var width: Int
    /// Stamp height in pixels.
    var height: Int
    /// Worker threads.
    var jobs: Int
    /// Samples timed.
    var samples: Int
    /// Wall seconds of the timed part.
    var seconds: Double
    /// Samples per wall second (nil when unsupported).
    var samplesPerSecond: Double?
    /// Wall microseconds per band-stamp at the measured throughput: 1e6 / (samples/s × bands).
    var microsecondsPerBandStamp: Double?
    /// Wall nanoseconds per output pixel at the measured throughput: 1e9 / (samples/s × bands × width × height).
    var nanosecondsPerPixel: Double?
    /// One-time wall seconds: scene parsing, Sérsic tables, and what the warm-up pass took beyond its samples' warm cost
    /// (Fourier and FFTW plans built on first use).
    var setupSeconds: Double
    /// Samples of the warm-up pass (the timed pass renders the same samples again).
    var warmupSamples: Int = 0
    /// Wall seconds of the warm-up pass.
    var warmupSeconds: Double = 0
    /// Peak resident set size in MB (2^20 bytes) at the end of the workload.
    var peakRssMb: Double
    /// Where the peak RSS comes from: "VmHWM" (Linux /proc/self/status) or "ru_maxrss" (getrusage).
    var peakRssSource: String
    /// true when the peak-RSS mark was reset before the workload (else it is the process peak so far).
    var peakRssIsPerWorkload: Bool
    /// Why the workload cannot run (nil when it ran).
    var unsupported: String?

    /// The derived rates from samples and seconds.
    mutating func computeRates() {
        guard samples > 0, seconds > 0 else { return }
        let rate = Double(samples) / seconds
        samplesPerSecond = rate
        microsecondsPerBandStamp = 1e6 / (rate * Double(bands))
        nanosecondsPerPixel = 1e9 / (rate * Double(bands * width * height))
    }
}

/// The whole `--json` document.
struct BenchReport: Codable, Sendable {
    /// skysynth version.
    var softwareVersion: String
    /// true for a debug build (figures not representative).
    var debugBuild: Bool
    /// The instruction set the binary was compiled for (`BuildTarget.name`: avx512-znver4, avx2-haswell, baseline).
    var instructionSet: String
    /// Worker threads.
    var jobs: Int
    /// Minimum timed seconds per workload (nil with --count).
    var minimumSeconds: Double?
    /// Timed samples per workload (nil without --count).
    var count: Int?
    /// Processor cores the system reports.
    var cores: Int
    var results: [BenchResult]

    /// Pretty, key-sorted JSON.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}

/// The printed table.
enum BenchTable {
    static let header = pad("workload", 16) + lpad("samples", 9) + lpad("seconds", 9) + lpad("samples/s", 12)
        + lpad("µs/band-stamp", 15) + lpad("ns/px", 9) + lpad("setup s", 9) + lpad("peak RSS MB", 13)

    /// One row: figures, or the reason the workload is unsupported.
    static func row(_ r: BenchResult) -> String {
        if let reason = r.unsupported {
            return pad(r.workload, 16) + "unsupported: \(reason)"
        }
        return pad(r.workload, 16) + lpad(String(r.samples), 9) + lpad(fixed(r.seconds, 2), 9)
            + lpad(fixed(r.samplesPerSecond, 1), 12) + lpad(fixed(r.microsecondsPerBandStamp, 1), 15)
            + lpad(fixed(r.nanosecondsPerPixel, 2), 9) + lpad(fixed(r.setupSeconds, 2), 9)
            + lpad(fixed(r.peakRssMb, 1) + (r.peakRssIsPerWorkload ? "" : "*"), 13)
    }

    static func fixed(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: "%.\(digits)f", x)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}
