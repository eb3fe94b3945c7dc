/// `skysynth slurm`, on the built binary: the exact text of the job-array and merge scripts, absolute paths,
/// options present only when given, extra `#SBATCH` lines, refused shard counts, and `--submit` against a fake
/// `sbatch`/`scontrol` on PATH (the real single-node Slurm test is `scripts/slurm-test`).
import Foundation
import XCTest

final class SlurmCommandTests: CLITestCase {
    /// The Slurm folder `skysynth slurm -o <outputFolder>/data.h5` writes.
    private var slurmFolder: String { outputPath("data.slurm") }

    private func read(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            XCTFail("\(path) was not written", file: file, line: line)
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The version `skysynth --version` prints (named in the scripts' header comments).
    private func version() throws -> String {
        try run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Asserts `actual` equals `expected` line by line, showing the first differing line.
    private func assertText(_ actual: String, _ expected: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard actual != expected else { return }
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        XCTFail("""
            \(what) differs at line \(i + 1):
              expected: \(i < e.count ? e[i] : "<end>")
              actual:   \(i < a.count ? a[i] : "<end>")
            --- actual text:
            \(actual)
            """, file: file, line: line)
    }

    func testScriptsWithEveryOption() throws {
        let scene = try writeScene(SceneText().yaml)
        let output = outputPath("data.h5")
        let result = try run(["slurm", scene, "--shards", "3", "-o", output, "--partition", "debug", "--time", "0:10:00",
                              "--cpus", "2", "--mem", "2G", "--count", "6", "--seed", "99",
                              "--sbatch-option", "--account=abc", "--sbatch-option=--qos=high",
                              "--binary", binary.path])
        XCTAssertEqual(result.status, 0, result.transcript)
        let folder = slurmFolder, skysynth = binary.standardizedFileURL.path, v = try version()

        assertText(read(folder + "/generate.sbatch"), """
            #!/bin/bash
            #SBATCH --job-name=skysynth-clitest-scene
            #SBATCH --array=0-2
            #SBATCH --cpus-per-task=2
            #SBATCH --output=\(folder)/logs/%A_%a.out
            #SBATCH --partition=debug
            #SBATCH --time=0:10:00
            #SBATCH --mem=2G
            #SBATCH --account=abc
            #SBATCH --qos=high

            # Written by skysynth \(v) (`skysynth slurm`): task i of this array renders shard i of 3
            # of scene 'clitest-scene' into \(folder)/parts/part-i.h5; merge.sbatch joins the parts.
            # Standard output and error of task i of array job A go to \(folder)/logs/A_i.out.
            set -euo pipefail
            : "${SLURM_ARRAY_TASK_ID:?is not set: submit this script with sbatch, it is a job array}"
            exec \(skysynth) generate \(scene) --shard ${SLURM_ARRAY_TASK_ID}/3 -o \(folder)/parts/part-${SLURM_ARRAY_TASK_ID}.h5 --jobs 2 --quiet --count 6 --seed 99

            """, "generate.sbatch")

        assertText(read(folder + "/merge.sbatch"), """
            #!/bin/bash
            #SBATCH --job-name=skysynth-clitest-scene-merge
            #SBATCH --cpus-per-task=1
            #SBATCH --output=\(folder)/logs/merge_%j.out
            #SBATCH --kill-on-invalid-dep=yes
            #SBATCH --partition=debug
            #SBATCH --time=0:10:00
            #SBATCH --mem=2G
            #SBATCH --account=abc
            #SBATCH --qos=high

            # Written by skysynth \(v) (`skysynth slurm`): joins the 3 parts written by generate.sbatch
            # into \(output). Submit it with --dependency=afterok:<array job id>; it is cancelled if a shard fails.
            set -euo pipefail
            exec \(skysynth) merge \\
              \(folder)/parts/part-0.h5 \\
              \(folder)/parts/part-1.h5 \\
              \(folder)/parts/part-2.h5 \\
              -o \(output)

            """, "merge.sbatch")

        XCTAssertEqual(entries(of: URL(fileURLWithPath: folder)), ["generate.sbatch", "logs", "merge.sbatch", "parts"])
        XCTAssertEqual(entries(of: outputFolder), ["data.slurm"], "only the Slurm folder; the dataset comes from the merge job")
        for script in ["generate.sbatch", "merge.sbatch"] {
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: folder + "/" + script), script)
        }
        XCTAssertTrue(result.stdout.contains("jobid=$(sbatch --parsable \(folder)/generate.sbatch)"), result.transcript)
        XCTAssertTrue(result.stdout.contains("sbatch --dependency=afterok:${jobid%%;*} \(folder)/merge.sbatch"), result.transcript)
        XCTAssertTrue(result.stdout.contains("wrote \(folder)/"), result.transcript)
        XCTAssertTrue(result.stdout.contains("3 shards, 2 samples each"), result.transcript)
    }

    func testDefaultsLeaveOptionalLinesOutAndUseThisExecutable() throws {
        let scene = try writeScene(SceneText().yaml)
        let result = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5")])
        XCTAssertEqual(result.status, 0, result.transcript)
        let generate = read(slurmFolder + "/generate.sbatch"), merge = read(slurmFolder + "/merge.sbatch")
        for text in [generate, merge] {
            for absent in ["--partition", "--time", "--mem", "--count", "--seed", "--account"] {
                XCTAssertFalse(text.contains(absent), "\(absent) must appear only when given:\n\(text)")
            }
        }
        XCTAssertTrue(generate.contains("#SBATCH --array=0-1\n"), generate)
        XCTAssertTrue(generate.contains("#SBATCH --cpus-per-task=1\n"), generate)
        XCTAssertTrue(generate.contains(" --shard ${SLURM_ARRAY_TASK_ID}/2 "), generate)
        XCTAssertTrue(generate.contains(" --jobs 1 --quiet\n"), generate)
        // The running executable, resolved (/proc/self/exe gives the real file, not the products-folder symlink).
        let exe = binary.resolvingSymlinksInPath().path
        XCTAssertTrue(generate.contains("\nexec \(exe) generate \(scene) "), "expected the binary \(exe):\n\(generate)")
        XCTAssertTrue(merge.contains("\nexec \(exe) merge \\\n"), merge)
        XCTAssertTrue(merge.hasSuffix("part-1.h5 \\\n  -o \(outputPath("data.h5"))\n"), merge)
    }

    func testRelativePathsBecomeAbsoluteAndOddPathsAreQuoted() throws {
        // The harness runs the binary in workFolder, which holds scenes/ and out/.
        _ = try writeScene(SceneText().yaml, name: "my scene.yaml")
        let result = try run(["slurm", "scenes/../scenes/my scene.yaml", "--shards", "1", "-o", "out/data.h5",
                              "--sbatch-option", "--comment=two words # and a hash"])
        XCTAssertEqual(result.status, 0, result.transcript)
        let generate = read(slurmFolder + "/generate.sbatch"), merge = read(slurmFolder + "/merge.sbatch")
        let scene = sceneFolder.appendingPathComponent("my scene.yaml").path
        XCTAssertTrue(generate.contains(" generate '\(scene)' --shard ${SLURM_ARRAY_TASK_ID}/1 -o \(slurmFolder)/parts/part-${SLURM_ARRAY_TASK_ID}.h5 "),
                      generate)
        XCTAssertTrue(generate.contains("#SBATCH --array=0-0\n"), generate)
        XCTAssertTrue(generate.contains("#SBATCH --output=\(slurmFolder)/logs/%A_%a.out\n"), generate)
        XCTAssertTrue(merge.contains("  \(slurmFolder)/parts/part-0.h5 \\\n  -o \(outputPath("data.h5"))\n"), merge)
        // sbatch reads #SBATCH lines itself: an unquoted space splits the option and an unquoted '#' starts a comment.
        for text in [generate, merge] {
            XCTAssertTrue(text.contains("\n#SBATCH \"--comment=two words # and a hash\"\n"), text)
        }
    }

    func testShardCountsOutsideOneToCountAreRefused() throws {
        let scene = try writeScene(SceneText(count: 8).yaml)
        let cases: [([String], String)] = [
            (["--shards", "0"], "--shards must be at least 1, found 0"),
            (["--shards=-2"], "--shards must be at least 1, found -2"),
            (["--shards", "9"], "--shards 9 is more than the 8 samples to render; use at most 8 shards"),
            (["--shards", "5", "--count", "4"], "--shards 5 is more than the 4 samples to render; use at most 4 shards"),
            (["--shards", "2", "--cpus", "0"], "--cpus must be between 1 and 256, found 0"),
            (["--shards", "2", "--sbatch-option", "account=abc"], "--sbatch-option takes an sbatch option starting with '-'"),
            (["--shards", "2", "--partition", "a b"], "--partition must be one word without spaces"),
            (["--shards", "2", "--wait"], "--wait needs --submit"),
        ]
        for (options, message) in cases {
            let result = try run(["slurm", scene, "-o", outputPath("data.h5")] + options)
            XCTAssertEqual(result.status, 64, result.transcript)
            XCTAssertTrue(result.stderr.contains(message), "expected '\(message)'\n\(result.transcript)")
            XCTAssertEqual(entries(of: outputFolder), [], "nothing may be written\n\(result.transcript)")
        }
        // As many shards as samples is fine: one sample each.
        let result = try run(["slurm", scene, "-o", outputPath("data.h5"), "--shards", "8"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertTrue(read(slurmFolder + "/generate.sbatch").contains("#SBATCH --array=0-7\n"))
        XCTAssertTrue(read(slurmFolder + "/merge.sbatch").contains("parts/part-7.h5 \\\n  -o "))
    }

    func testBadSceneOrOutputFolderIsRefused() throws {
        let bad = try writeScene(SceneText().replacing("count: 8", with: "count: many"), name: "bad.yaml")
        let result = try run(["slurm", bad, "--shards", "2", "-o", outputPath("data.h5")])
        XCTAssertEqual(result.status, 1, result.transcript)
        XCTAssertTrue(result.stderr.contains("error: \(bad):"), result.transcript)
        XCTAssertEqual(entries(of: outputFolder), [])

        let scene = try writeScene(SceneText().yaml)
        let missing = outputFolder.appendingPathComponent("no/such/folder/data.h5").path
        let noFolder = try run(["slurm", scene, "--shards", "2", "-o", missing])
        XCTAssertEqual(noFolder.status, 1, noFolder.transcript)
        XCTAssertTrue(noFolder.stderr.contains("does not exist"), noFolder.transcript)
        XCTAssertEqual(entries(of: outputFolder), [])
    }

    // MARK: - --submit against fake sbatch/scontrol

    /// A folder holding executable shell scripts `name` → body, to put first on PATH.
    private func fakeTools(_ tools: [String: String]) throws -> URL {
        let folder = workFolder.appendingPathComponent("fakebin-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, body) in tools {
            let url = folder.appendingPathComponent(name)
            try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return folder
    }

    /// Runs the binary to completion with `PATH=path`.
    private func run(_ arguments: [String], path: String, timeout: TimeInterval = 60,
                     file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try start(arguments, path: path).finish(timeout: timeout, file: file, line: line)
    }

    func testSubmitChainsTheMergeAfterTheArray() throws {
        let calls = workFolder.appendingPathComponent("sbatch-calls").path
        let tools = try fakeTools(["sbatch": """
            echo "$PWD|$*" >> '\(calls)'
            case "$*" in *--dependency*) echo "124;cluster";; *) echo 123;; esac
            """])
        let scene = try writeScene(SceneText().yaml)
        let result = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit"], path: tools.path)
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(read(calls), """
            \(slurmFolder)|--parsable \(slurmFolder)/generate.sbatch
            \(slurmFolder)|--parsable --dependency=afterok:123 \(slurmFolder)/merge.sbatch

            """)
        XCTAssertTrue(result.stdout.contains("generate job: 123 "), result.transcript)
        XCTAssertTrue(result.stdout.contains("merge job: 124 "), result.transcript)
    }

    func testSubmitReportsAMissingOrFailingSbatch() throws {
        let scene = try writeScene(SceneText().yaml)
        let empty = try fakeTools([:])
        let missing = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit"], path: empty.path)
        XCTAssertEqual(missing.status, 1, missing.transcript)
        XCTAssertTrue(missing.stderr.contains("error: cannot submit: sbatch is not on PATH"), missing.transcript)

        let failing = try fakeTools(["sbatch": "echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1"])
        let refused = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit"], path: failing.path)
        XCTAssertEqual(refused.status, 1, refused.transcript)
        XCTAssertTrue(refused.stderr.contains("error: sbatch could not submit \(slurmFolder)/generate.sbatch (exit status 1): "
                                              + "sbatch: error: invalid partition specified: nope"), refused.transcript)

        // The array went in but the merge did not: say so, with the id to cancel.
        let half = try fakeTools(["sbatch": """
            case "$*" in *--dependency*) echo 'sbatch: error: Batch job submission failed: Job dependency problem' >&2; exit 1;; esac
            echo 77
            """])
        let halfway = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit"], path: half.path)
        XCTAssertEqual(halfway.status, 1, halfway.transcript)
        XCTAssertTrue(halfway.stdout.contains("generate job: 77 "), halfway.transcript)
        XCTAssertTrue(halfway.stderr.contains("Job dependency problem"), halfway.transcript)
        XCTAssertTrue(halfway.stderr.contains("scancel 77"), halfway.transcript)
    }

    func testWaitTrustsTheJobStatesNotSbatchsExitStatus() throws {
        // `sbatch --wait` exits 0 for a merge cancelled because a shard failed: the states must be checked.
        let scene = try writeScene(SceneText().yaml)
        let sbatch = "case \"$*\" in *--dependency*) echo 124;; *) echo 123;; esac"
        let cancelled = try fakeTools(["sbatch": sbatch, "scontrol": """
            case "$*" in
              *124*) echo 'JobId=124 JobName=skysynth-clitest-scene-merge JobState=CANCELLED Reason=DependencyNeverSatisfied ExitCode=0:0';;
              *123*) echo 'JobId=125 ArrayJobId=123 ArrayTaskId=0 JobState=COMPLETED Reason=None ExitCode=0:0'
                     echo 'JobId=123 ArrayJobId=123 ArrayTaskId=1 JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0';;
            esac
            """])
        let failed = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit", "--wait"], path: cancelled.path)
        XCTAssertEqual(failed.status, 1, failed.transcript)
        XCTAssertTrue(failed.stderr.contains("error: the merge job 124 ended CANCELLED with exit code 0:0; "
                                             + "shard 1 ended FAILED (exit code 3:0)"), failed.transcript)

        let completed = try fakeTools(["sbatch": sbatch, "scontrol": "echo 'JobId=124 JobState=COMPLETED Reason=None ExitCode=0:0'"])
        let ok = try run(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit", "--wait"], path: completed.path)
        XCTAssertEqual(ok.status, 0, ok.transcript)
        XCTAssertTrue(ok.stdout.contains("merge job 124 completed: \(outputPath("data.h5"))"), ok.transcript)
    }

    func testWaitWithoutJobRecordsTrustsOnlyAFreshOutputFile() throws {
        // No scontrol (or purged records): success only if the merge wrote OUT.h5 after the submission.
        let scene = try writeScene(SceneText().yaml)
        let output = outputPath("data.h5")
        try Data("stale".utf8).write(to: URL(fileURLWithPath: output))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: output)
        let silent = try fakeTools(["sbatch": "case \"$*\" in *--dependency*) echo 124;; *) echo 123;; esac"])
        let stale = try run(["slurm", scene, "--shards", "2", "-o", output, "--submit", "--wait"], path: silent.path)
        XCTAssertEqual(stale.status, 1, stale.transcript)
        XCTAssertTrue(stale.stderr.contains("error: the merge job 124 did not succeed (sbatch --wait exit status 0)"), stale.transcript)

        let writing = try fakeTools(["sbatch": """
            case "$*" in *--dependency*) echo fresh > '\(output)'; echo 124;; *) echo 123;; esac
            """])
        let fresh = try run(["slurm", scene, "--shards", "2", "-o", output, "--submit", "--wait"], path: writing.path)
        XCTAssertEqual(fresh.status, 0, fresh.transcript)
        XCTAssertTrue(fresh.stdout.contains("merge job 124 finished (no Slurm record left to confirm its state): \(output)"),
                      fresh.transcript)
    }

    func testInterruptWhileWaitingStopsSbatchAndExits130() throws {
        // Foundation starts sbatch in its own process group: skysynth must pass the signal on, or an orphaned
        // `sbatch --wait` would keep polling.
        let pidFile = workFolder.appendingPathComponent("sbatch-wait.pid").path
        let tools = try fakeTools(["sbatch": """
            case "$*" in
              *--wait*) echo $$ > '\(pidFile).tmp'; /bin/mv '\(pidFile).tmp' '\(pidFile)'; exec /bin/sleep 60;;
              *) echo 123;;
            esac
            """])
        let scene = try writeScene(SceneText().yaml)
        let running = try start(["slurm", scene, "--shards", "2", "-o", outputPath("data.h5"), "--submit", "--wait"], path: tools.path)
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: pidFile) && Date() < deadline { usleep(20_000) }
        let pidText = (try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let sbatchPID = pidText.flatMap({ Int32($0) }) else {
            running.process.terminate()
            return XCTFail("the fake sbatch --wait never started")
        }
        kill(running.process.processIdentifier, SIGTERM)
        let result = try running.finish(timeout: 20)
        XCTAssertEqual(result.status, 130, result.transcript)
        XCTAssertTrue(result.stdout.contains("generate job: 123 "), "the job id must not be lost\n\(result.transcript)")
        XCTAssertTrue(result.stderr.contains("interrupted: stopped waiting; the jobs stay queued (cancel them with `scancel 123`"),
                      result.transcript)
        // The fake sbatch (`sleep 60`) ends: gone, or a zombie until init reaps it.
        var alive = true
        for _ in 0..<250 where alive {
            let stat = (try? String(contentsOfFile: "/proc/\(sbatchPID)/stat", encoding: .utf8)) ?? ""
            alive = !stat.isEmpty && !stat.contains(") Z ")
            if alive { usleep(20_000) }
        }
        if alive { kill(sbatchPID, SIGKILL) }
        XCTAssertFalse(alive, "sbatch --wait (pid \(sbatchPID)) still runs after skysynth was interrupted")
    }
}
