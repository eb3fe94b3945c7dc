import ArgumentParser
import Foundation
import SkyScene

/// `skysynth slurm SCENE --shards N -o OUT.h5`: write (and with `--submit`, submit) a Slurm job array rendering
/// the scene in N shards and a merge job joining them into OUT.h5 once every shard has succeeded.
struct Slurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write (and with --submit, submit) a Slurm job array rendering a scene in shards, and a merge job.",
        discussion: """
            Writes OUT.slurm/ next to OUT.h5: generate.sbatch (task i of the array runs `skysynth generate SCENE \
            --shard i/N -o OUT.slurm/parts/part-i.h5`), merge.sbatch (`skysynth merge` of every part into OUT.h5), \
            parts/ and logs/. Without --submit it prints the two sbatch commands to run. The scene, the skysynth \
            binary and OUT.h5's folder must be visible at the same paths on the compute nodes (a shared file system).
            """
    )

    @Argument(help: "The scene file (YAML).")
    var scene: String

    @Option(help: "Number of shards = array tasks (1 ≤ N ≤ samples).")
    var shards: Int

    @Option(name: .shortAndLong, help: "The merged dataset file to write (HDF5).")
    var output: String

    @Option(help: "Slurm partition (sbatch --partition); default: the cluster's.")
    var partition: String?

    @Option(help: "Time limit per job (sbatch --time), e.g. 30, 2:00:00 or 1-12; default: the partition's.")
    var time: String?

    @Option(help: "CPUs per shard (sbatch --cpus-per-task and generate --jobs).")
    var cpus: Int = 1

    @Option(help: "Memory per node (sbatch --mem), e.g. 4G; default: the partition's.")
    var mem: String?

    @Option(help: "Number of samples (overrides the scene's count).")
    var count: Int?

    @Option(help: "Master seed (overrides the scene's seed).")
    var seed: UInt64?

    @Option(name: .customLong("sbatch-option"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An extra sbatch option for both scripts, one #SBATCH line each; repeatable.",
                               discussion: "E.g. --sbatch-option --account=abc --sbatch-option=--qos=long",
                               valueName: "OPT"))
    var sbatchOptions: [String] = []

    @Option(help: "The skysynth executable the jobs run (default: this one).")
    var binary: String?

    @Flag(help: "Submit both jobs with sbatch (from PATH) and print their ids.")
    var submit = false

    @Flag(help: "With --submit: wait until the merge job ends (sbatch --wait); exit 0 only if it completed.")
    var wait = false

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, found \(shards)") }
        guard cpus >= 1 && cpus <= 256 else { throw ValidationError("--cpus must be between 1 and 256, found \(cpus)") }
        if let count, count < 1 || count > 100_000_000 {
            throw ValidationError("--count must be between 1 and 100000000, found \(count)")
        }
        if wait && !submit { throw ValidationError("--wait needs --submit") }
        for (name, value) in [("--partition", partition), ("--time", time), ("--mem", mem)] {
            guard let value else { continue }
            guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                throw ValidationError("\(name) must be one word without spaces, found '\(value)'")
            }
        }
        for option in sbatchOptions {
            guard option.hasPrefix("-"), option.count > 1 else {
                throw ValidationError("--sbatch-option takes an sbatch option starting with '-', e.g. --account=abc; found '\(option)'")
            }
            guard !option.contains(where: \.isNewline) else {
                throw ValidationError("--sbatch-option must be on one line, found '\(option)'")
            }
        }
    }

    func run() throws {
        var description = try loadScene(scene)
        if let count { description.count = count }
        if let seed { description.seed = seed }
        guard shards <= description.count else {
            printError("error: --shards \(shards) is more than the \(description.count) samples to render; "
                       + "use at most \(description.count) shards (each shard needs at least one sample)")
            throw ExitCode.validationFailure
        }

        let scripts: SlurmScripts
        do {
            scripts = try makeScripts(sceneName: description.name)
            try write(scripts)
        } catch let error as OutputError {
            printError("error: \(error)")
            throw ExitCode(1)
        }

        let perShard = description.count / shards
        let spread = description.count % shards == 0 ? "\(perShard)" : "\(perShard)–\(perShard + 1)"
        print("wrote \(scripts.folder)/: generate.sbatch (job array of \(shards) shard\(shards == 1 ? "" : "s"), "
              + "\(spread) samples each, \(cpus) CPU\(cpus == 1 ? "" : "s") per shard) and merge.sbatch (writes \(scripts.output))")
        guard submit else {
            print("submit with:")
            print("  jobid=$(sbatch --parsable \(SlurmScripts.shellQuote(scripts.generateScriptPath)))")
            print("  sbatch --dependency=afterok:${jobid%%;*} \(SlurmScripts.shellQuote(scripts.mergeScriptPath))")
            return
        }
        try submitJobs(scripts)
    }

    // MARK: - Scripts

    private func makeScripts(sceneName: String) throws -> SlurmScripts {
        let outputPath = absolute(output)
        guard !output.isEmpty, !output.hasSuffix("/") else {
            throw OutputError("cannot write \(output.isEmpty ? "''" : output): the output must name a file, e.g. out/dataset.h5")
        }
        let outputURL = URL(fileURLWithPath: outputPath)
        let parent = outputURL.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError("cannot write \(output): the folder \(parent) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: parent) else {
            throw OutputError("cannot write \(output): the folder \(parent) is not writable")
        }
        if FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError("cannot write \(output): it is a folder")
        }
        let folder = outputURL.deletingPathExtension().path + ".slurm"
        guard folder != outputPath else {
            throw OutputError("cannot write \(output): the Slurm files go to OUT.slurm/ next to it; name the output e.g. data.h5")
        }
        // sbatch expands %-patterns (%A, %a, %j …) in log paths, and a line break would end an #SBATCH line.
        if folder.contains("%") {
            throw OutputError("cannot use \(folder)/ for the Slurm files: sbatch would read the '%' in its path as a pattern; "
                              + "choose an output path without '%'")
        }
        if folder.contains(where: \.isNewline) {
            throw OutputError("cannot use \(folder)/ for the Slurm files: its path contains a line break")
        }
        return SlurmScripts(
            binary: try executablePath(), scene: absolute(scene), sceneName: sceneName, shards: shards,
            output: outputPath, folder: folder, cpus: cpus, partition: partition, time: time, mem: mem,
            count: count, seed: seed, extraOptions: sbatchOptions, version: SkySynth.version)
    }

    /// Creates OUT.slurm/{parts,logs} and writes both scripts (mode 755).
    private func write(_ scripts: SlurmScripts) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: scripts.folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError("cannot create the folder \(scripts.folder): a file is in the way")
        }
        do {
            // Slurm does not create the folders of log files: a missing logs/ fails every task silently.
            for folder in [scripts.partsFolder, scripts.logsFolder] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            for (path, text) in [(scripts.generateScriptPath, scripts.generateScript), (scripts.mergeScriptPath, scripts.mergeScript)] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError("cannot write the Slurm files in \(scripts.folder): \(error.localizedDescription)")
        }
    }

    /// The skysynth executable the jobs run: `--binary`, else this process's own executable, as an absolute path.
    private func executablePath() throws -> String {
        if let binary {
            let path = absolute(binary)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  FileManager.default.isExecutableFile(atPath: path) else {
                throw OutputError("--binary \(binary): not an executable file")
            }
            return path
        }
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
            return target
        }
        let arg0 = CommandLine.arguments.first ?? "skysynth"
        if arg0.contains("/") { return absolute(arg0) }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = absolute(String(folder) + "/" + arg0)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw OutputError("cannot find the path of this skysynth executable; give it with --binary PATH")
    }

    /// `path` made absolute against the working directory and standardized (no `.`/`..`).
    private func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    // MARK: - Submission

    /// Submits the array, then the merge with `--dependency=afterok:<array id>`; prints both ids.
    private func submitJobs(_ scripts: SlurmScripts) throws {
        guard let sbatch = findInPath("sbatch") else {
            printError("error: cannot submit: sbatch is not on PATH (is this a Slurm login node?); "
                       + "the scripts are written, submit them by hand as shown without --submit")
            throw ExitCode(1)
        }
        let array = runTool(sbatch, ["--parsable", scripts.generateScriptPath], folder: scripts.folder)
        guard array.status == 0, let arrayID = Self.jobID(fromParsable: array.stdout) else {
            printError("error: sbatch could not submit \(scripts.generateScriptPath) "
                       + "(exit status \(array.status)): \(Self.describe(array))")
            throw ExitCode(1)
        }
        print("generate job: \(arrayID) (array of \(shards) task\(shards == 1 ? "" : "s"), logs in \(scripts.logsFolder))")

        let submitted = Date()
        var mergeArguments = ["--parsable", "--dependency=afterok:\(arrayID)"]
        if wait {
            mergeArguments.append("--wait")
            printError("waiting for the merge job (sbatch --wait) …")
        }
        let merge = runTool(sbatch, mergeArguments + [scripts.mergeScriptPath], folder: scripts.folder,
                            interruptMessage: "interrupted: stopped waiting; the jobs stay queued "
                                + "(cancel them with `scancel \(arrayID)`; the merge job is cancelled with them)")
        guard let mergeID = Self.jobID(fromParsable: merge.stdout) else {
            printError("error: sbatch could not submit \(scripts.mergeScriptPath) (exit status \(merge.status)): "
                       + "\(Self.describe(merge)); the shards (job \(arrayID)) are queued: cancel them with "
                       + "`scancel \(arrayID)` or submit the merge yourself with "
                       + "`sbatch --dependency=afterok:\(arrayID) \(SlurmScripts.shellQuote(scripts.mergeScriptPath))`")
            throw ExitCode(1)
        }
        print("merge job: \(mergeID) (starts when every shard has succeeded; writes \(scripts.output))")
        if wait {
            try checkFinished(arrayID: arrayID, mergeID: mergeID, waitStatus: merge, scripts: scripts, submitted: submitted)
        } else if merge.status != 0 {
            printError("error: sbatch submitted the merge job \(mergeID) but exited with status \(merge.status): \(Self.describe(merge))")
            throw ExitCode(1)
        }
    }

    /// After `sbatch --wait` returned: succeeds only when the merge job ended COMPLETED with exit code 0:0.
    ///
    /// sbatch's exit status alone is not enough: a merge cancelled because a shard failed (its afterok
    /// dependency can never be met) never ran, and `sbatch --wait` then exits 0. So this asks `scontrol` for the
    /// final states, names the failed shards, and falls back to the output file when the records are gone.
    private func checkFinished(arrayID: String, mergeID: String, waitStatus: ProcessOutput, scripts: SlurmScripts,
                               submitted: Date) throws {
        let merge = jobRecords(mergeID).first
        if let merge, merge.state == "COMPLETED", merge.exitCode == "0:0", waitStatus.status == 0 {
            print("merge job \(mergeID) completed: \(scripts.output)")
            return
        }
        let written = (try? FileManager.default.attributesOfItem(atPath: scripts.output))?[.modificationDate] as? Date
        if merge == nil, waitStatus.status == 0, let written, written >= submitted.addingTimeInterval(-2) {
            // No record left (purged, or no scontrol here): the merge writes its output only on success,
            // and this one is newer than the submission (not left over from an earlier run).
            print("merge job \(mergeID) finished (no Slurm record left to confirm its state): \(scripts.output)")
            return
        }
        let failedShards = jobRecords(arrayID).filter { $0.state != "COMPLETED" || $0.exitCode != "0:0" }
        var reason = merge.map { "the merge job \(mergeID) ended \($0.state) with exit code \($0.exitCode)" }
            ?? "the merge job \(mergeID) did not succeed (sbatch --wait exit status \(waitStatus.status)\(waitStatus.stderr.isEmpty ? "" : ": " + Self.describe(waitStatus)))"
        if !failedShards.isEmpty {
            reason += "; shard" + (failedShards.count == 1 ? " " : "s ")
                + failedShards.map { "\($0.task ?? $0.id) ended \($0.state) (exit code \($0.exitCode))" }.joined(separator: ", ")
        }
        printError("error: \(reason); see the logs in \(scripts.logsFolder)/")
        throw ExitCode(1)
    }

    /// One job's (or array task's) final state from `scontrol show job -o`.
    struct JobRecord: Equatable {
        var id: String
        var task: String?
        var state: String
        var exitCode: String
    }

    /// The records `scontrol show job -o ID` prints (one per array task), or none when it fails or has none.
    private func jobRecords(_ id: String) -> [JobRecord] {
        guard let scontrol = findInPath("scontrol") else { return [] }
        let result = runTool(scontrol, ["show", "job", "-o", id], folder: FileManager.default.currentDirectoryPath)
        guard result.status == 0 else { return [] }
        return Self.parseJobRecords(result.stdout)
    }

    /// Parses `scontrol show job -o` output: one job per line of `Key=Value` words.
    static func parseJobRecords(_ text: String) -> [JobRecord] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var fields: [Substring: Substring] = [:]
            for word in line.split(separator: " ") {
                guard let eq = word.firstIndex(of: "=") else { continue }
                let key = word[..<eq]
                if fields[key] == nil { fields[key] = word[word.index(after: eq)...] }
            }
            guard let id = fields["JobId"], let state = fields["JobState"] else { return nil }
            return JobRecord(id: String(id), task: fields["ArrayTaskId"].map(String.init), state: String(state),
                             exitCode: String(fields["ExitCode"] ?? "?"))
        }
    }

    /// The job id in `sbatch --parsable` output: `ID` or `ID;CLUSTER` on the last non-empty line.
    static func jobID(fromParsable output: String) -> String? {
        guard let line = output.split(whereSeparator: \.isNewline).last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return nil
        }
        let id = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }

    private static func describe(_ result: ProcessOutput) -> String {
        let text = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { return text.replacingOccurrences(of: "\n", with: " | ") }
        let out = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return out.isEmpty ? "no message" : "unexpected output '\(out)'"
    }

    private func findInPath(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    private struct ProcessOutput {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `tool` (sbatch, scontrol) with `arguments` in `folder` (the jobs' working directory), collecting its output.
    /// On SIGINT, SIGTERM or SIGHUP the signal is passed to `tool`, `interruptMessage` printed, and skysynth exits 130.
    private func runTool(_ tool: String, _ arguments: [String], folder: String,
                         interruptMessage: String = "interrupted") -> ProcessOutput {
        fflush(nil)   // a signal ends skysynth with _exit, which would lose buffered lines (the job ids)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        // Files rather than pipes: nothing to drain concurrently, and `--wait` may run for hours.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("skysynth-sbatch-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        do {
            try Data().write(to: outURL)
            try Data().write(to: errURL)
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }
            process.standardOutput = out
            process.standardError = err
            try process.run()
            ChildSignals.forward(to: process.processIdentifier, message: interruptMessage)
            process.waitUntilExit()
            ChildSignals.finished()
        } catch {
            return ProcessOutput(status: -1, stdout: "", stderr: "cannot run \(tool): \(error.localizedDescription)")
        }
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return ProcessOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Passes SIGINT, SIGTERM and SIGHUP on to the running child (sbatch), prints a message and exits 130.
///
/// Foundation starts children in their own process group, so a Ctrl-C or a `timeout` reaches only skysynth; an
/// orphaned `sbatch --wait` would poll on forever. A plain signal handler is used, not a dispatch source: a
/// dispatch source misses signals delivered to threads that were started before it, and the SIG_IGN it needs
/// would be inherited by the child (a caught signal is reset to the default on exec).
enum ChildSignals {
    nonisolated(unsafe) private static var child: pid_t = 0
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) private static var installed = false

    /// From now until `finished()`, signals go to `pid` and end skysynth with `text`.
    static func forward(to pid: pid_t, message text: String) {
        message = strdup("\n" + text + "\n")
        child = pid
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                if ChildSignals.child > 0 { kill(ChildSignals.child, sig) }
                if let text = ChildSignals.message { _ = write(2, text, strlen(text)) }
                _exit(130)
            }
        }
    }

    /// The child has exited: signals end skysynth alone.
    static func finished() {
        child = 0
    }
}
