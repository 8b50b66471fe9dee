import Dispatch

/// Where a pool's async work runs: one serial dispatch queue of its own, not Swift's cooperative thread
/// pool. `StorePool.blocking` waits on a semaphore for that work, and its callers may themselves be
/// cooperative threads (a test, an async caller of a synchronous `EventLog` read): if the work needed the
/// cooperative pool, blocked callers could take every thread of it and the work would never run.
final class StoreExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
