import Dispatch

/// Deterministic parallel loops over fixed row blocks.
///
/// The range `0..<count` is cut into `threads` contiguous blocks of (nearly) equal
/// size, decided only by `count` and `threads`; block `w` is always processed by
/// one worker, given worker index `w`, so per-worker scratch can be indexed by it.
/// Results that depend on the partition (e.g. reductions) therefore depend only on
/// the thread count, never on scheduling. OpenBLAS's own threads are not touched
/// here: callers pin them with `BLASThreads.set(1)` around a parallel region.
public enum Parallel {
    /// The block of `0..<count` that worker `w` of `workers` owns: contiguous, sizes
    /// differing by at most one (the first `count % workers` blocks are one longer).
    public static func block(_ w: Int, of workers: Int, count: Int) -> Range<Int> {
        precondition(workers > 0 && w >= 0 && w < workers && count >= 0,
                     "Parallel.block: worker \(w) of \(workers), count \(count)")
        let base = count / workers, extra = count % workers
        let start = w * base + min(w, extra)
        return start..<(start + base + (w < extra ? 1 : 0))
    }

    /// Runs `body(range, worker)` for each of `min(threads, count)` blocks of `0..<count`
    /// (at least one call, with an empty range when count = 0), on up to that many
    /// threads, and returns when all have finished. With one block it runs inline on the
    /// calling thread. Worker indices are `0..<min(threads, count)`, so per-worker scratch
    /// sized by `threads` always suffices.
    public static func forEachBlock(count: Int, threads: Int, _ body: (Range<Int>, Int) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            body(0..<count, 0)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendableBody(body: escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                box.body(block(w, of: workers, count: count), w)
            }
        }
    }
}

/// Carries a non-`Sendable` block body into `concurrentPerform`.
///
/// Safe because `concurrentPerform` returns only after every iteration finished (the
/// closure never outlives the call), and each worker gets a disjoint block: a body
/// that writes only to its own rows and its own scratch does not race. Bodies that
/// share mutable state must synchronize it themselves.
private struct UncheckedSendableBody: @unchecked Sendable {
    let body: (Range<Int>, Int) -> Void
}
