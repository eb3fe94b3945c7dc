internal import CFFTW
import Foundation
import SkyScene

/// FFTW plans measured once and shipped as wisdom (`FFTWWisdomText.swift`, recorded by `scripts/record-fftw-wisdom`).
///
/// FFTW_MEASURE picks each transform's algorithm by timing candidates, so plans (and output bits) differ from process
/// to process; FFTW_ESTIMATE picks by a fixed heuristic, reproducibly but often slowly (the stamp's column transforms
/// at N = 96 took longer than at 128). Wisdom recorded once with FFTW_MEASURE and imported read-only
/// (FFTW_WISDOM_ONLY: a plan is made only from wisdom, never measured here) gives the measured plans in every process,
/// bit for bit. A problem the wisdom does not hold (a stamp height or FFT size the scenes and benchmarks never used
/// when it was recorded, or an FFTW that rejects the wisdom) is planned with FFTW_ESTIMATE as before: reproducible too.
enum FFTWWisdom {
    /// Environment variable naming a wisdom file to record into: every plan is then measured (FFTW_MEASURE), after
    /// importing the file if it exists, and the file is rewritten after each plan. For `scripts/record-fftw-wisdom`
    /// only: a recording run's plans, and so its output bits, depend on timing.
    static let recordVariable = "SKYSYNTH_RECORD_FFTW_WISDOM"

    /// The file being recorded into, if this process records (read once, not per plan).
    private static let recordingPath = ProcessInfo.processInfo.environment[recordVariable]

    /// Short identity of the shipped wisdom (the first 12 hex digits of its SHA-256), recorded in every dataset's
    /// provenance next to FFTW's version.
    static let identity = String(SHA256.hex(of: shippedText).prefix(12))

    /// Imports the wisdom: the shipped text, or when recording the recording file (if it exists); whether it imported.
    /// Call once, under the planner lock, before the first plan.
    static func load() -> Bool {
        if let path = recordingPath {
            return FileManager.default.fileExists(atPath: path) && fftwf_import_wisdom_from_filename(path) != 0
        }
        return fftwf_import_wisdom_from_string(shippedText) != 0
    }

    /// The plan `make(flags)` returns and whether it came from the wisdom: from the wisdom if it holds the problem,
    /// else with FFTW_ESTIMATE (when recording: measured, and the wisdom file rewritten). Call under the planner lock.
    static func plan(_ make: (UInt32) -> OpaquePointer?) -> (plan: OpaquePointer, fromWisdom: Bool) {
        if let path = recordingPath {
            let plan = make(skysynth_fftw_measure())!
            _ = fftwf_export_wisdom_to_filename(path)
            return (plan, false)
        }
        if let plan = make(skysynth_fftw_wisdom_only()) { return (plan, true) }
        return (make(skysynth_fftw_estimate())!, false)
    }
}
