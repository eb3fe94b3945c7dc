import Foundation
import Synchronization

/// A fixed set of long-lived threads that run submitted jobs, taken in submission order. Rendering on the same few threads
/// for the whole run keeps each thread's memory in its own malloc arena: Dispatch's global pool hands work to
/// whichever pool thread is free, and each new thread that allocates gets an arena of its own whose freed pages stay
/// resident, so peak memory grew with the length of the run.
public final class WorkerThreads: Sendable {
    private let queue = Mutex<[@Sendable () -> Void]>([])
    private let waiting = DispatchSemaphore(value: 0)
    /// Number of threads.
    public let count: Int
    /// Stack of each thread, bytes (as much as the main thread's usual 8 MiB; only touched pages take memory).
    static let stackBytes = 8 << 20

    /// Starts `count` threads (≥ 1). They live until `stop()`.
    public init(count: Int) {
        precondition(count >= 1, "at least one worker thread")
        self.count = count
        for n in 0..<count {
            let thread = Thread { [self] in
                while true {
                    waiting.wait()
                    guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
                    job()
                }
            }
            thread.name = "skysynth-render-\(n)"
            thread.stackSize = Self.stackBytes
            thread.start()
        }
    }

    /// Runs `job` on the next free thread.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        queue.withLock { $0.append(job) }
        waiting.signal()
    }

    /// Lets every thread return once the jobs already submitted are done (one empty wake-up each).
    public func stop() {
        for _ in 0..<count { waiting.signal() }
    }
}
