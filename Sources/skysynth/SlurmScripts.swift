import Foundation

/// The two batch scripts `skysynth slurm` writes: a job array rendering one shard per task, and a merge job.
///
/// Pure text generation (no file system, no Slurm), so the exact contents are easy to test. Every path is
/// absolute. Values on `#SBATCH` lines are quoted the way sbatch reads them (double quotes, backslash escapes,
/// an unquoted `#` starts a comment); the command lines are quoted for bash.
struct SlurmScripts {
    /// Absolute path of the `skysynth` executable the jobs run.
    var binary: String
    /// Absolute path of the scene file.
    var scene: String
    /// The scene's name (becomes the job name, reduced to letters, digits, '.', '_' and '-').
    var sceneName: String
    /// Number of shards = array tasks.
    var shards: Int
    /// Absolute path of the merged dataset.
    var output: String
    /// Absolute path of the `OUT.slurm` folder holding the scripts, `parts/` and `logs/`.
    var folder: String
    /// CPUs per array task (`--cpus-per-task` and `generate --jobs`).
    var cpus: Int
    var partition: String?
    var time: String?
    var mem: String?
    var count: Int?
    var seed: UInt64?
    /// Extra sbatch options, one `#SBATCH` line each, in both scripts.
    var extraOptions: [String] = []
    /// Software version named in the scripts' header comment.
    var version: String

    var partsFolder: String { folder + "/parts" }
    var logsFolder: String { folder + "/logs" }
    var generateScriptPath: String { folder + "/generate.sbatch" }
    var mergeScriptPath: String { folder + "/merge.sbatch" }

    /// Path of shard `k`'s part file.
    func partPath(_ k: Int) -> String { partsFolder + "/part-\(k).h5" }

    /// `skysynth-<scene name>`, with characters Slurm tools may mangle replaced by '_'.
    var jobName: String {
        let safe = String(sceneName.map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) || c == "." || c == "_" || c == "-" ? c : "_"
        })
        return "skysynth-" + (safe.isEmpty ? "scene" : safe)
    }

    /// The `#SBATCH` lines shared by both scripts after the job-specific ones: partition, time, mem, then the extras.
    private var sharedDirectives: [String] {
        var lines: [String] = []
        if let partition { lines.append(Self.directive("--partition=" + partition)) }
        if let time { lines.append(Self.directive("--time=" + time)) }
        if let mem { lines.append(Self.directive("--mem=" + mem)) }
        lines += extraOptions.map(Self.directive)
        return lines
    }

    /// The job-array script: task i renders shard i of `shards` into `parts/part-i.h5`.
    var generateScript: String {
        var lines = [
            "#!/bin/bash",
            Self.directive("--job-name=" + jobName),
            Self.directive("--array=0-\(shards - 1)"),
            Self.directive("--cpus-per-task=\(cpus)"),
            Self.directive("--output=" + logsFolder + "/%A_%a.out"),
        ]
        lines += sharedDirectives
        var command = [Self.shellQuote(binary), "generate", Self.shellQuote(scene),
                       "--shard", "${SLURM_ARRAY_TASK_ID}/\(shards)",
                       "-o", Self.shellQuote(partsFolder + "/part-") + "${SLURM_ARRAY_TASK_ID}.h5",
                       "--jobs", "\(cpus)", "--quiet"]
        if let count { command += ["--count", "\(count)"] }
        if let seed { command += ["--seed", "\(seed)"] }
        lines += [
            "",
            "# Written by skysynth \(version) (`skysynth slurm`): task i of this array renders shard i of \(shards)",
            "# of scene '\(Self.oneLine(sceneName))' into \(Self.oneLine(partsFolder))/part-i.h5; merge.sbatch joins the parts.",
            "# Standard output and error of task i of array job A go to \(Self.oneLine(logsFolder))/A_i.out.",
            "set -euo pipefail",
            ": \"${SLURM_ARRAY_TASK_ID:?is not set: submit this script with sbatch, it is a job array}\"",
            "exec " + command.joined(separator: " "),
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The merge script: one job joining every part, listed explicitly, into the output dataset.
    var mergeScript: String {
        var lines = [
            "#!/bin/bash",
            Self.directive("--job-name=" + jobName + "-merge"),
            Self.directive("--cpus-per-task=1"),
            Self.directive("--output=" + logsFolder + "/merge_%j.out"),
            Self.directive("--kill-on-invalid-dep=yes"),
        ]
        lines += sharedDirectives
        lines += [
            "",
            "# Written by skysynth \(version) (`skysynth slurm`): joins the \(shards) part\(shards == 1 ? "" : "s") written by generate.sbatch",
            "# into \(Self.oneLine(output)). Submit it with --dependency=afterok:<array job id>; it is cancelled if a shard fails.",
            "set -euo pipefail",
            "exec " + Self.shellQuote(binary) + " merge \\",
        ]
        for k in 0..<shards { lines.append("  " + Self.shellQuote(partPath(k)) + " \\") }
        lines.append("  -o " + Self.shellQuote(output))
        lines.append("")
        return lines.joined(separator: "\n")
    }

    // MARK: - Quoting

    /// Characters that need no quoting in bash nor on an `#SBATCH` line.
    private static func isPlain(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "%+,-./:=@_^".contains(c))
    }

    /// One `#SBATCH` line for option `token` (e.g. `--account=abc`), double-quoted when it holds anything but
    /// plain characters. sbatch reads a quoted argument with backslash escapes; an unquoted `#` would start a comment.
    static func directive(_ token: String) -> String {
        guard !token.allSatisfy(isPlain) else { return "#SBATCH " + token }
        let escaped = token.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "#SBATCH \"" + escaped + "\""
    }

    /// `word` as one bash word: unchanged when plain, else single-quoted.
    static func shellQuote(_ word: String) -> String {
        guard word.isEmpty || !word.allSatisfy(isPlain) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Text safe inside a `#` comment line.
    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
