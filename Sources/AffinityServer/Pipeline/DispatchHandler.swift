import AffinityProtocol
import NIOCore

/// Sent down a connection's pipeline to drain it: stop reading, answer what is in flight, close.
public struct DrainEvent: Sendable {
    public init() {}
}

/// Runs requests through the `Dispatcher` and writes replies in request order, however the ops
/// complete. `recommend` goes through the event loop's `RecommendBatcher` when there is one (scored
/// with the other recommends of the same read round; one flush per batch). At most `maxInFlight` requests are open per connection: beyond that the handler stops
/// asking the channel for reads (backpressure) until replies go out.
final class DispatchHandler: ChannelDuplexHandler {
    typealias InboundIn = GatedRequest
    typealias OutboundIn = Reply
    typealias OutboundOut = Reply

    /// A reply and when its request arrived (for the latency statistics).
    struct Done {
        var reply: Reply
        var receivedAt: ContinuousClock.Instant
    }

    private let dispatcher: Dispatcher
    private let batcher: RecommendBatcher?
    private var state: DispatchState<Done>

    init(dispatcher: Dispatcher, maxInFlight: Int, batcher: RecommendBatcher? = nil) {
        self.dispatcher = dispatcher
        self.batcher = batcher
        state = DispatchState(maxInFlight: maxInFlight)
    }

    func channelActive(context: ChannelHandlerContext) {
        dispatcher.stats.connectionOpened()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        dispatcher.stats.connectionClosed()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        guard let seq = state.accept() else { return }
        state.holdsFlush = true
        defer { state.holdsFlush = false }
        let id = request.id, receivedAt = request.receivedAt
        switch request.action {
        case .reply(let outcome):
            complete(context, seq, Done(reply: Reply(id: id, outcome: outcome), receivedAt: receivedAt))
        case .replyAndClose(let error):
            complete(context, seq, Done(reply: .failure(id, error), receivedAt: receivedAt), close: true)
        case .dispatch(.recommend(let params)) where batcher != nil:
            batcher!.submit(params, deliver: { outcome in
                self.state.holdsFlush = true
                defer { self.state.holdsFlush = false }
                let result = outcome.map { $0 as any Encodable & Sendable }
                self.complete(context, seq, Done(reply: Reply(id: id, outcome: result), receivedAt: receivedAt))
            }, flush: { self.flushIfNeeded(context) })
        case .dispatch(let op):
            dispatch(op, detailed: true, context, seq, id, receivedAt)
        case .dispatchAnonymous(let op):
            dispatch(op, detailed: false, context, seq, id, receivedAt)
        }
    }

    private func dispatch(_ op: Request, detailed: Bool, _ context: ChannelHandlerContext, _ seq: Int, _ id: RequestID?,
                          _ receivedAt: ContinuousClock.Instant) {
        if let batcher, batcher.hasPending, op.writes { batcher.runNow() }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        dispatcher.handle(op, detailed: detailed) { outcome in
            let done = Done(reply: Reply(id: id, outcome: outcome), receivedAt: receivedAt)
            if loop.inEventLoop {
                bound.value.0.complete(bound.value.1, seq, done)
            } else {
                loop.execute { bound.value.0.complete(bound.value.1, seq, done) }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context)
        context.fireChannelReadComplete()
    }

    private func complete(_ context: ChannelHandlerContext, _ seq: Int, _ done: Done, close: Bool = false) {
        state.complete(seq, done, close: close)
        perform(context)
    }

    /// Carries out what the state decided, in order.
    private func perform(_ context: ChannelHandlerContext) {
        while let action = state.nextAction() {
            switch action {
            case .write(let done):
                count(done)
                context.write(wrapOutboundOut(done.reply), promise: nil)
            case .discard(let done):
                count(done)
            case .flush:
                context.flush()
            case .read:
                context.read()
            case .close:
                context.close(promise: nil)
            }
        }
    }

    private func count(_ done: Done) {
        let micros = UInt64(max(0, done.receivedAt.duration(to: .now).microseconds))
        let code: ErrorCode? = if case .failure(let e) = done.reply.outcome { e.code } else { nil }
        dispatcher.stats.countRequest(error: code, micros: micros)
    }

    private func flushIfNeeded(_ context: ChannelHandlerContext) {
        if state.flushIfNeeded() { context.flush() }
    }

    func read(context: ChannelHandlerContext) {
        if state.readRequested() { context.read() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent || (event as? ChannelEvent) == .inputClosed {
            state.drain()
            perform(context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

@available(*, unavailable)
extension DispatchHandler: Sendable {}

extension Request {
    /// Ops that change what a later `recommend` sees (queued recommends are scored before them).
    var writes: Bool {
        switch self {
        case .feedback, .feedbackBatch, .forgetUser, .reload: true
        default: false
        }
    }
}

extension Duration {
    var microseconds: Int64 {
        let (s, attos) = components
        return s * 1_000_000 + attos / 1_000_000_000_000
    }
}
