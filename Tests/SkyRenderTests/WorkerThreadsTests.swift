import Dispatch
import Foundation
import Synchronization
import XCTest
@testable import SkyRender

final class WorkerThreadsTests: XCTestCase {
    /// Batch after batch, every job runs, and all of them on the pool's own threads: no more distinct threads than
    /// the pool has (what keeps each rendering thread's memory in one malloc arena for a whole run).
    func testBatchesRunEveryJobOnThePoolsFewThreads() {
        let pool = WorkerThreads(count: 2)
        let threads = Mutex<Set<UInt>>([])
        let ran = Mutex(0)
        for _ in 0..<40 {
            let group = DispatchGroup()
            for _ in 0..<3 {
                group.enter()
                pool.submit {
                    threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                    ran.withLock { $0 += 1 }
                    group.leave()
                }
            }
            group.wait()
        }
        pool.stop()
        XCTAssertEqual(ran.withLock { $0 }, 120)
        let distinct = threads.withLock { $0.count }
        XCTAssertTrue((1...2).contains(distinct), "jobs ran on \(distinct) threads, the pool has 2")
        XCTAssertFalse(threads.withLock { $0.contains(UInt(pthread_self())) }, "a job ran on the submitting thread")
    }

    /// Jobs submitted before `stop` still run; the threads end only once the queue is empty.
    func testStopLetsQueuedJobsFinish() {
        let pool = WorkerThreads(count: 1)
        let group = DispatchGroup()
        let ran = Mutex(0)
        for _ in 0..<10 {
            group.enter()
            pool.submit {
                usleep(1000)
                ran.withLock { $0 += 1 }
                group.leave()
            }
        }
        pool.stop()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(ran.withLock { $0 }, 10)
    }
}
