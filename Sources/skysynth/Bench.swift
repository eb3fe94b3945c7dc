import ArgumentParser
import Foundation

/// `skysynth bench`: time the standard workloads and print samples/s, µs per band-stamp and peak RSS (figures, not a test).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time standard rendering workloads and print their throughput (figures only; never fails on speed).",
        discussion: "Workloads (scenes written in the scene language, rendered with noise unless said, no file written except by galaxy-write):\n"
            + BenchWorkload.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n")
    )

    @Option(help: ArgumentHelp("Comma-separated workloads to run (default: all).", valueName: "a,b"))
    var workloads: String?

    @Option(help: "Minimum timed wall seconds per workload (after a warm-up pass as long).")
    var seconds: Double = 3

    @Option(help: "Warm up on, then time, exactly N samples per workload instead of --seconds.")
    var count: Int?

    @Option(help: "Worker threads rendering in parallel (as generate --jobs).")
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Also write the figures as JSON to FILE.", valueName: "FILE"))
    var json: String?

    /// The workloads chosen by --workloads, in the order given (all, in catalogue order, by default).
    func selected() throws -> [BenchWorkload] {
        guard let workloads else { return BenchWorkload.allCases }
        let names = workloads.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--workloads is empty; allowed: \(BenchWorkload.allNames)") }
        var chosen: [BenchWorkload] = []
        for name in names {
            guard let workload = BenchWorkload(rawValue: name) else {
                throw ValidationError("unknown workload '\(name)'; allowed: \(BenchWorkload.allNames)")
            }
            if !chosen.contains(workload) { chosen.append(workload) }
        }
        return chosen
    }

    func validate() throws {
        _ = try selected()
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256, found \(jobs)") }
        guard seconds > 0 && seconds <= 86_400 else { throw ValidationError("--seconds must be > 0 and ≤ 86400, found \(seconds)") }
        if let count, count < 1 || count > 100_000_000 {
            throw ValidationError("--count must be between 1 and 100000000, found \(count)")
        }
    }

    func run() throws {
        let chosen = try selected()
        if let json { try BenchOutput.checkFolder(of: json) }
        let settings = BenchSettings(jobs: jobs, seconds: seconds, count: count)
        let debug = BenchOutput.isDebugBuild
        let budget = count.map { "\($0) samples" } ?? "≥ \(String(format: "%g", seconds)) s"
        print("skysynth \(SkySynth.version) bench (\(BuildTarget.description)): \(jobs) job\(jobs == 1 ? "" : "s"), \(budget) per workload, "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores\(debug ? "; DEBUG BUILD: figures are not representative" : "")")
        print(BenchTable.header)
        BenchOutput.flush()
        var results: [BenchResult] = []
        let runner = BenchRunner(settings: settings)
        for workload in chosen {
            let result = try runner.run(workload)
            results.append(result)
            print(BenchTable.row(result))
            BenchOutput.flush()
        }
        if results.contains(where: { !$0.peakRssIsPerWorkload }) {
            print("* peak RSS of the process so far (the per-workload reset via /proc/self/clear_refs was not possible)")
        }
        if let json {
            let report = BenchReport(softwareVersion: SkySynth.version, debugBuild: debug, instructionSet: BuildTarget.name,
                                     jobs: jobs,
                                     minimumSeconds: count == nil ? seconds : nil, count: count,
                                     cores: ProcessInfo.processInfo.activeProcessorCount, results: results)
            try BenchOutput.write(report, to: json)
        }
    }
}

/// Output helpers of `skysynth bench`.
enum BenchOutput {
    #if DEBUG
    /// true in a debug build (figures not representative).
    static let isDebugBuild = true
    #else
    /// true in a debug build (figures not representative).
    static let isDebugBuild = false
    #endif

    /// Flushes stdout so each row appears when its workload ends, even through a pipe.
    static func flush() { fflush(nil) }

    /// Fails early (exit 1, with the reason) when the JSON file's folder does not exist.
    static func checkFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("error: cannot write \(path): the folder \(folder) does not exist")
            throw ExitCode(1)
        }
    }

    /// Writes the report as JSON (exit 1 with the reason on failure).
    static func write(_ report: BenchReport, to path: String) throws {
        do {
            try report.json().write(to: URL(fileURLWithPath: path))
        } catch {
            printError("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
