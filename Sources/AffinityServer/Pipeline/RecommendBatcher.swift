import AffinityProtocol
import NIOCore

/// Collects the `recommend` requests that arrive on one event loop during one round of reads, from
/// any of its connections, and scores them together (`Dispatcher.recommendBatch`) in one task
/// queued on the loop. The task runs once the loop has handled the reads that were ready, so no
/// timer is involved: a lone request waits for nothing but its own read to finish.
///
/// Replies keep their order because each connection's `DispatchHandler` numbers its requests and
/// writes them in that order, however they complete. Loop-bound: used only on its event loop.
final class RecommendBatcher {
    private struct Pending {
        var params: RecommendParams
        var deliver: (Result<RecommendResult, ProtocolError>) -> Void
        var flush: () -> Void
    }

    private let dispatcher: Dispatcher
    private let eventLoop: any EventLoop
    private var pending: [Pending] = []
    private var scheduled = false
    /// Batches run and requests scored through them (for tests and `stats`).
    private(set) var batches = 0
    private(set) var requests = 0

    init(dispatcher: Dispatcher, eventLoop: any EventLoop) {
        self.dispatcher = dispatcher
        self.eventLoop = eventLoop
    }

    /// Queues one request. `deliver` gets its result inside the batch task; `flush` runs after every
    /// request of the batch was delivered (so a connection flushes once per batch, not per reply).
    func submit(_ params: RecommendParams, deliver: @escaping (Result<RecommendResult, ProtocolError>) -> Void,
                flush: @escaping () -> Void) {
        eventLoop.preconditionInEventLoop()
        pending.append(Pending(params: params, deliver: deliver, flush: flush))
        guard !scheduled else { return }
        scheduled = true
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        eventLoop.execute { bound.value.run() }
    }

    /// Scores what is queued now instead of at the end of the read round. A connection calls it
    /// before a write (feedback, forget, reload) so that the recommends it read earlier do not see it,
    /// exactly as when each was scored on arrival. The queued task then finds nothing to do.
    func runNow() {
        eventLoop.preconditionInEventLoop()
        run()
    }

    var hasPending: Bool { !pending.isEmpty }

    private func run() {
        scheduled = false
        let batch = pending
        pending = []
        guard !batch.isEmpty else { return }
        batches += 1
        requests += batch.count
        dispatcher.stats.countRecommendBatch(batch.count)
        let results = dispatcher.recommendBatch(batch.map(\.params))
        for (item, result) in zip(batch, results) { item.deliver(result) }
        for item in batch { item.flush() }
    }
}

@available(*, unavailable)
extension RecommendBatcher: Sendable {}

/// One `RecommendBatcher` per event loop of a server, created on first use from that loop.
public final class RecommendBatchers: Sendable {
    private let dispatcher: Dispatcher
    private let byLoop = Locked([ObjectIdentifier: NIOLoopBound<RecommendBatcher>]())

    public init(dispatcher: Dispatcher) {
        self.dispatcher = dispatcher
    }

    /// The batcher of `loop`; call on that loop.
    func batcher(for loop: any EventLoop) -> RecommendBatcher {
        let key = ObjectIdentifier(loop)
        let bound = byLoop.withLock { map in
            if let existing = map[key] { return existing }
            let made = NIOLoopBound(RecommendBatcher(dispatcher: dispatcher, eventLoop: loop), eventLoop: loop)
            map[key] = made
            return made
        }
        return bound.value
    }
}
