import Dispatch
import Foundation
import SkyDataset
import SkyRender
import SkyScene

/// `galaxy-write`: renders like `galaxy` and writes the samples with DatasetWriter, as `generate` does (batches
/// rendered on `jobs` threads, appended in order from this thread), into HDF5 files of up to `fileSamples`
/// consecutive samples in a temporary folder, each deleted when finished. Timing includes creating, finishing and
/// deleting the files.
struct BenchWriteRun {
    /// Most samples per file (a file holds a contiguous range of samples, like a shard).
    static let fileSamples = 256
    let scene: SceneDescription
    let sceneText: String
    let plan: SamplePlan
    let renderer: SampleRenderer
    let jobs: Int

    /// A warm-up pass and the timed pass over the same samples (BenchTiming.twoPass), each writing files of
    /// consecutive samples in a temporary folder.
    func run(settings: BenchSettings) throws -> BenchPasses {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("skysynth-bench-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("galaxy-write.h5").path
        return try BenchTiming.twoPass(settings, first: 0) { dispenser in
            let start = DispatchTime.now().uptimeNanoseconds
            var done = 0
            while true {
                let size = settings.count != nil ? BenchWriteRun.fileSamples
                    : BenchWriteRun.fileSize(done: done, elapsed: BenchTiming.seconds(since: start), budget: settings.seconds)
                guard let samples = dispenser.take(size) else { break }
                try writeFile(path, samples: samples)
                dispenser.done(samples.count)
                done += samples.count
            }
        }
    }

    /// Samples of the next file in a timed run: what the rate so far fills the remaining time with, 16…fileSamples.
    static func fileSize(done: Int, elapsed: Double, budget: Double) -> Int {
        guard done > 0, elapsed > 0 else { return 16 }
        let fill = Double(done) / elapsed * max(budget - elapsed, 0)
        return min(max(Int(fill.rounded(.up)), 16), fileSamples)
    }

    /// Renders and writes samples `samples` into a new file at `path`, then deletes it.
    private func writeFile(_ path: String, samples: Range<Int>) throws {
        InterruptCleanup.shared.register(path)
        defer {
            unlink(path)
            InterruptCleanup.shared.unregister(path)
        }
        let writer = try DatasetWriter(path: path, scene: scene, sceneText: sceneText,
                                       attributes: DatasetAttributes.standard(overrides: ""), samples: samples)
        let batchSize = max(jobs * 8, 16)
        var start = samples.lowerBound
        while start < samples.upperBound {
            let end = min(start + batchSize, samples.upperBound)
            for (spec, sample) in render(start..<end) {
                try writer.append(spec: spec, image: sample.image, noiseless: scene.output.noiseless ? sample.noiseless : nil)
            }
            start = end
        }
        try writer.finish()
    }

    /// Renders samples `range` on `jobs` threads; worker w takes every jobs-th sample (as `generate`).
    private func render(_ range: Range<Int>) -> [(SampleSpec, RenderedSample)] {
        let slots = ResultSlots(count: range.count)
        let workers = min(jobs, range.count)
        let plan = self.plan, renderer = self.renderer
        let body: @Sendable (Int) -> Void = { worker in
            var i = range.lowerBound + worker
            while i < range.upperBound {
                let spec = plan.sample(i)
                slots.store(i - range.lowerBound, (spec, renderer.render(spec)))
                i += workers
            }
        }
        if workers == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: body) }
        return slots.all()
    }
}
