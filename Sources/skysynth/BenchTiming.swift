import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How each workload of `skysynth bench` runs.
struct BenchSettings: Sendable {
    /// Worker threads rendering in parallel.
    var jobs: Int
    /// Minimum timed wall seconds per workload (used when `count` is nil).
    var seconds: Double
    /// Exact number of timed samples per workload (overrides `seconds`).
    var count: Int?
}

/// Hands out sample numbers for one pass: from `first` on, or cycling over `first ..< first + cycle` when a cycle is
/// given, until `limit` numbers are handed out or, without a limit, until the deadline (uptime clock) passes.
final class BenchDispenser: Sendable {
    private let handedOut = Mutex<Int>(0)
    private let finished = Atomic<Int>(0)
    private let first: Int
    private let cycle: Int?
    private let limit: Int?
    private let deadline: UInt64

    init(first: Int, cycle: Int?, limit: Int?, seconds: Double) {
        self.first = first
        self.cycle = cycle.map { max($0, 1) }
        self.limit = limit
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1e9)
    }

    /// Up to `n` consecutive sample numbers (never wrapping around the cycle), or nil when the pass is over.
    func take(_ n: Int = 1) -> Range<Int>? {
        if limit == nil && DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
        return handedOut.withLock { i -> Range<Int>? in
            var m = max(n, 1)
            if let limit { m = min(m, limit - i) }
            guard m > 0 else { return nil }
            let position = cycle.map { i % $0 } ?? i
            if let cycle { m = min(m, cycle - position) }
            i += m
            return (first + position)..<(first + position + m)
        }
    }

    /// Records `n` finished samples.
    func done(_ n: Int = 1) { finished.wrappingAdd(n, ordering: .relaxed) }

    /// Samples finished so far.
    var count: Int { finished.load(ordering: .relaxed) }
}

enum BenchTiming {
    /// Wall seconds since `start` (uptime clock, ns).
    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// A cold pass (the warm-up: lazily built tables, Fourier plans and FFTW plans land here) from sample `first` for
    /// `count` samples or `seconds`, then the timed warm pass over the same samples (cycling over them if it needs
    /// more) for as many samples or seconds. `pass` consumes a dispenser.
    static func twoPass(_ settings: BenchSettings, first: Int,
                        _ pass: (BenchDispenser) throws -> Void) rethrows -> BenchPasses {
        let coldStart = DispatchTime.now().uptimeNanoseconds
        let cold = BenchDispenser(first: first, cycle: nil, limit: settings.count, seconds: settings.seconds)
        try pass(cold)
        let coldSeconds = seconds(since: coldStart)
        let warmStart = DispatchTime.now().uptimeNanoseconds
        let warm = BenchDispenser(first: first, cycle: cold.count, limit: settings.count, seconds: settings.seconds)
        try pass(warm)
        return BenchPasses(coldSamples: cold.count, coldSeconds: coldSeconds, samples: warm.count,
                           seconds: seconds(since: warmStart))
    }

    /// A pass rendering one sample per `work(i)` call on `jobs` threads (as `generate --jobs`: one shared plan and renderer).
    static func renderPass(jobs: Int, _ work: @escaping @Sendable (Int) -> Void) -> (BenchDispenser) -> Void {
        { dispenser in
            let body: @Sendable (Int) -> Void = { _ in
                while let range = dispenser.take() {
                    for i in range { work(i) }
                    dispenser.done(range.count)
                }
            }
            if jobs == 1 {
                body(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: jobs, execute: body)
            }
        }
    }
}

/// The figures of a cold and a warm pass over the same samples.
struct BenchPasses {
    /// Samples of the cold (warm-up) pass.
    var coldSamples: Int
    /// Wall seconds of the cold pass.
    var coldSeconds: Double
    /// Samples of the timed (warm) pass.
    var samples: Int
    /// Wall seconds of the timed pass.
    var seconds: Double

    /// Cold-pass seconds beyond what its samples cost warm: the one-time cost (≥ 0).
    var oneTimeSeconds: Double {
        guard samples > 0 else { return coldSeconds }
        return max(0, coldSeconds - Double(coldSamples) * seconds / Double(samples))
    }
}

/// Peak resident set size of this process.
enum BenchMemory {
    /// Resets the kernel's peak-RSS mark to the current RSS (Linux: "5" into /proc/self/clear_refs); false if not possible.
    static func resetPeak() -> Bool {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
        #else
        return false
        #endif
    }

    /// Peak resident set size in MB (2^20 bytes) and where it came from: Linux VmHWM (/proc/self/status), else
    /// getrusage ru_maxrss.
    ///
    /// On Linux ru_maxrss also counts the RSS of the process image replaced by exec (e.g. a forked Python parent
    /// of 100+ MB), and clear_refs does not reset that part; VmHWM is this process's own high-water mark.
    static func peak() -> (megabytes: Double, source: String) {
        if let hwm = statusKilobytes("VmHWM:") { return (hwm / 1024, "VmHWM") }
        return (rusageMegabytes(), "ru_maxrss")
    }

    /// getrusage ru_maxrss in MB (KiB on Linux, bytes on macOS).
    static func rusageMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .nan }
        #if os(macOS)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }

    /// A "Key:  N kB" line of /proc/self/status in KiB, or nil where there is none.
    static func statusKilobytes(_ key: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return nil }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) }
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that made it.
@inline(never) @_optimize(none)
func benchKeep<T>(_ value: T) {}
