import Dispatch
import SkyRender
import SkyScene
import Synchronization

/// Renders batches of samples on `jobs` background threads (the same threads for the whole run); each takes the next
/// unrendered index, and the results come back in index order, so the file never depends on which thread drew what.
final class BatchRenderer: Sendable {
    private let plan: SamplePlan
    private let renderer: SampleRenderer
    private let output: OutputOptions
    /// Whether each sample's PSF images are rendered (the PSF varies between samples).
    private let psfImages: Bool
    private let threads: WorkerThreads

    init(plan: SamplePlan, renderer: SampleRenderer, output: OutputOptions, jobs: Int, psfImages: Bool) {
        self.psfImages = psfImages
        self.plan = plan
        self.renderer = renderer
        self.output = output
        threads = WorkerThreads(count: jobs)
    }

    /// Lets the threads end once the batches started are done.
    func stop() {
        threads.stop()
    }

    /// Starts rendering `range` in the background.
    func start(_ range: Range<Int>) -> PendingBatch {
        let slots = ResultSlots(count: range.count)
        let next = IndexDispenser(first: range.lowerBound)
        let group = DispatchGroup()
        let (plan, renderer, output, psfImages) = (self.plan, self.renderer, self.output, self.psfImages)
        for _ in 0..<min(threads.count, range.count) {
            group.enter()
            threads.submit {
                while case let i = next.take(), i < range.upperBound {
                    let spec = plan.sample(i)
                    slots.store(i - range.lowerBound, (spec, renderer.render(spec, output: output, psfImages: psfImages)))
                }
                group.leave()
            }
        }
        return PendingBatch(group: group, slots: slots)
    }
}

/// A batch being rendered.
struct PendingBatch {
    let group: DispatchGroup
    let slots: ResultSlots

    /// Blocks until every sample is rendered; returns them in index order.
    @discardableResult
    func wait() -> [(SampleSpec, RenderedSample)] {
        group.wait()
        return slots.all()
    }
}

/// Hands out consecutive indices to worker threads.
final class IndexDispenser: Sendable {
    private let next: Mutex<Int>

    init(first: Int) { next = Mutex(first) }

    func take() -> Int {
        next.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
