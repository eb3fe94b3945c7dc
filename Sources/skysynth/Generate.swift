import ArgumentParser
import Foundation
import SkyDataset
import SkyRender
import SkyScene

/// `skysynth generate SCENE -o OUT.h5`: render the dataset a scene describes.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the dataset a scene file describes into one HDF5 file.")

    @Argument(help: "The scene file (YAML).")
    var scene: String

    @Option(name: .shortAndLong, help: "The dataset file to write (HDF5).")
    var output: String

    @Option(help: "Number of samples (overrides the scene's count).")
    var count: Int?

    @Option(help: "Master seed (overrides the scene's seed).")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scene value, e.g. bands.*.psf.fwhm=0.7 or "
                                                         + "'objects[0].n={uniform: [1, 2]}' (repeatable; recorded in the file).",
                                                         valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Render only shard K of N (0-based): samples floor(K·count/N) ..< floor((K+1)·count/N). "
                               + "`skysynth merge` joins the parts.", valueName: "K/N"))
    var shard: Shard?

    @Option(help: "Worker threads rendering in parallel; the file is identical for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print no progress line.")
    var quiet = false

    @Flag(help: "Do not write the dataset card (OUT.md and OUT.card/, see `skysynth card`) next to the output.")
    var noCard = false

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256, found \(jobs)") }
        if let count, count < 1 || count > 100_000_000 {
            throw ValidationError("--count must be between 1 and 100000000, found \(count)")
        }
    }

    func run() throws {
        var description = try loadScene(scene, overrides: overrides)
        if let count {
            guard description.sweep == nil else {
                printError("error: --count cannot change a sweep's size; set sweep.replicates instead (e.g. --set sweep.replicates=10)")
                throw ExitCode(1)
            }
            description.count = count
        }
        if let seed { description.seed = seed }
        let sceneText = (try? String(contentsOfFile: scene, encoding: .utf8)) ?? ""
        let target = OutputFile(path: output)
        try target.checkWritable()
        let started = Date()
        let splitCounts: [Split: Int]
        let samples = shard?.samples(of: description.count) ?? 0..<description.count
        do {
            splitCounts = try render(description, samples: samples, sceneText: sceneText, into: target.temporaryPath)
            try target.commit()
        } catch {
            target.discard()
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(started)
        let rate = Double(samples.count) / max(seconds, 1e-9)
        let what = shard.map { "shard \($0.description), samples \(samples.lowerBound)..<\(samples.upperBound) of \(description.count)" }
            ?? "\(description.count) samples"
        if !noCard { writeCardAfterGenerate(dataset: output) }
        print("wrote \(output): \(what) × \(description.bands.count) bands × "
              + "\(description.image.height)×\(description.image.width) px in \(String(format: "%.1f", seconds)) s "
              + "(\(String(format: "%.1f", rate)) samples/s, \(jobs) job\(jobs == 1 ? "" : "s")); "
              + Split.allCases.map { "\($0.rawValue) \(splitCounts[$0] ?? 0)" }.joined(separator: ", "))
    }

    /// Samples per batch: 16 per job, but at most ~40 MB of images per batch (three batches are in memory at once:
    /// one being written, `batchesAhead` queued or rendering), and at least one per job. Quickstart: 32; a 2048²
    /// one-band field: 2.
    static func batchSize(jobs: Int, scene: SceneDescription) -> Int {
        let planes = scene.output.noiseless ? 2 : 1
        let bytes = max(1, scene.bands.count * scene.image.width * scene.image.height * 4 * planes)
        return max(jobs, min(jobs * 16, (40 << 20) / bytes))
    }

    /// Batches handed to the workers ahead of the one being written. With two, a worker that finishes its share of
    /// a batch goes straight on to the next instead of waiting for the other's last sample (with one, lenses.yaml at
    /// `--jobs 2` lost ~10 % of the time at batch ends: its samples' times vary several-fold).
    static let batchesAhead = 2

    /// --count and --seed as recorded in the file's command_line_overrides ("" when neither is given).
    private var countAndSeedOverrides: String {
        [count.map { "count=\($0)" }, seed.map { "seed=\($0)" }].compactMap { $0 }.joined(separator: " ")
    }

    /// Renders every sample with `jobs` threads and writes them in order from this thread; returns the split counts.
    private func render(_ description: SceneDescription, samples: Range<Int>, sceneText: String,
                        into path: String) throws -> [Split: Int] {
        let plan = SamplePlan(scene: description)
        let renderer = SampleRenderer(seed: description.seed)
        var attributes = DatasetAttributes.standard(overrides: countAndSeedOverrides)
        if let shard {
            attributes += [("shard", shard.description), ("shard_first_sample", String(samples.lowerBound)),
                           ("shard_sample_count", String(samples.count))]
        }
        let writer = try DatasetWriter(path: path, scene: description, sceneText: sceneText, attributes: attributes,
                                       samples: samples)
        let progress = Progress(total: samples.count, enabled: !quiet)
        let batchSize = Generate.batchSize(jobs: jobs, scene: description)
        var splitCounts: [Split: Int] = [:]
        let batches = stride(from: samples.lowerBound, to: samples.upperBound, by: batchSize).map { start in
            start..<min(start + batchSize, samples.upperBound)
        }
        // Pipelined: batches k+1 and k+2 render on the workers while this thread writes batch k, in order.
        let workers = BatchRenderer(plan: plan, renderer: renderer, output: description.output, jobs: jobs,
                                    psfImages: description.psfVaries)
        defer { workers.stop() }
        var pending = batches.prefix(Generate.batchesAhead).map { workers.start($0) }
        for (k, range) in batches.enumerated() {
            let batch = pending.removeFirst().wait()
            if k + Generate.batchesAhead < batches.count { pending.append(workers.start(batches[k + Generate.batchesAhead])) }
            for (spec, sample) in batch {
                splitCounts[spec.split, default: 0] += 1
                try writer.append(spec: spec, rendered: sample)
            }
            progress.update(done: range.upperBound - samples.lowerBound)
        }
        try writer.finish()
        progress.finish()
        return splitCounts
    }
}
/// Per-index result slots filled by worker threads (each index written once, by one worker).
final class ResultSlots: @unchecked Sendable {
    private var items: [(SampleSpec, RenderedSample)?]
    private let lock = NSLock()

    init(count: Int) {
        items = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ value: (SampleSpec, RenderedSample)) {
        lock.lock()
        items[index] = value
        lock.unlock()
    }

    func all() -> [(SampleSpec, RenderedSample)] {
        lock.lock()
        defer { lock.unlock() }
        return items.map { $0! }
    }
}
