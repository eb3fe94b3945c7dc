import Foundation

/// A progress line on stderr (samples done, samples/s, ETA), shown once a run has lasted a second.
final class Progress {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var shown = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Reports `done` samples finished (written).
    func update(done: Int) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastPrint) >= 0.5 || done == total else { return }
        lastPrint = now
        shown = true
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : .infinity
        let percent = Double(done) * 100 / Double(max(total, 1))
        writeError("\r\(done)/\(total) samples (\(String(format: "%.0f", percent)) %), "
                   + "\(String(format: "%.1f", rate)) samples/s, ETA \(formatDuration(eta))   ")
    }

    /// Ends the progress line.
    func finish() {
        if shown { writeError("\n") }
    }
}
