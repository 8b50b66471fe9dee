import Dispatch
import Synchronization

extension Parallel {
    /// Runs `body(chunk, worker)` once for every chunk index in `0..<chunks`, on up to
    /// `threads` workers that each claim the next unclaimed index from a shared atomic
    /// counter (dynamic scheduling): a worker that drew cheap chunks simply takes more, so
    /// uneven chunk costs do not leave a core idle at the end. Returns when all chunks are
    /// done. With one worker it runs inline, in index order.
    ///
    /// Which worker runs which chunk depends on timing. Use it only where each chunk's
    /// result is independent of the worker (e.g. rows solved independently, with the
    /// worker index choosing only scratch memory), so results stay deterministic.
    /// Worker indices are `0..<min(threads, chunks)`.
    public static func forEachChunk(_ chunks: Int, threads: Int, _ body: (_ chunk: Int, _ worker: Int) -> Void) {
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            for c in 0..<chunks { body(c, 0) }
            return
        }
        let next = ChunkCounter()
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendableChunkBody(body: escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                while true {
                    let c = next.value.wrappingAdd(1, ordering: .relaxed).oldValue
                    if c >= chunks { break }
                    box.body(c, w)
                }
            }
        }
    }
}

/// The shared next-chunk index of one `forEachChunk` call.
private final class ChunkCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// Carries a non-`Sendable` chunk body into `concurrentPerform`; safe for the same reason as
/// `Parallel.forEachBlock`'s: the call returns only after every worker finished, and each
/// chunk index is claimed by exactly one worker.
private struct UncheckedSendableChunkBody: @unchecked Sendable {
    let body: (Int, Int) -> Void
}
