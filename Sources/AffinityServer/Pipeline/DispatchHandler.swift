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

    private struct Done {
        var reply: Reply
        var close: Bool
        var receivedAt: ContinuousClock.Instant
    }

    private let dispatcher: Dispatcher
    private let maxInFlight: Int
    private let batcher: RecommendBatcher?
    private var nextSeq = 0
    private var nextToWrite = 0
    private var done: [Int: Done] = [:]
    private var readPending = false
    private var draining = false
    private var closing = false
    /// Set while reads or a batch deliver replies: they flush once at the end instead of per reply.
    private var deferFlush = false
    private var needsFlush = false

    init(dispatcher: Dispatcher, maxInFlight: Int, batcher: RecommendBatcher? = nil) {
        self.dispatcher = dispatcher
        self.maxInFlight = maxInFlight
        self.batcher = batcher
    }

    private var inFlight: Int { nextSeq - nextToWrite }

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
        if closing { return }
        let seq = nextSeq
        nextSeq += 1
        deferFlush = true
        defer { deferFlush = false }
        switch request.action {
        case .reply(let outcome):
            complete(context, seq, Done(reply: Reply(id: request.id, outcome: outcome), close: false, receivedAt: request.receivedAt))
        case .replyAndClose(let error):
            complete(context, seq, Done(reply: .failure(request.id, error), close: true, receivedAt: request.receivedAt))
        case .dispatch(.recommend(let params)) where batcher != nil:
            let id = request.id, receivedAt = request.receivedAt
            batcher!.submit(params, deliver: { outcome in
                self.deferFlush = true
                defer { self.deferFlush = false }
                let result = outcome.map { $0 as any Encodable & Sendable }
                self.complete(context, seq, Done(reply: Reply(id: id, outcome: result), close: false, receivedAt: receivedAt))
            }, flush: { self.flushIfNeeded(context) })
        case .dispatch(let op):
            if let batcher, batcher.hasPending, op.writes { batcher.runNow() }
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            let id = request.id, receivedAt = request.receivedAt
            dispatcher.handle(op) { outcome in
                let done = Done(reply: Reply(id: id, outcome: outcome), close: false, receivedAt: receivedAt)
                if loop.inEventLoop {
                    bound.value.0.complete(bound.value.1, seq, done)
                } else {
                    loop.execute { bound.value.0.complete(bound.value.1, seq, done) }
                }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context)
        context.fireChannelReadComplete()
    }

    private func complete(_ context: ChannelHandlerContext, _ seq: Int, _ result: Done) {
        done[seq] = result
        while let next = done.removeValue(forKey: nextToWrite) {
            nextToWrite += 1
            let micros = UInt64(max(0, next.receivedAt.duration(to: .now).microseconds))
            let code: ErrorCode? = if case .failure(let e) = next.reply.outcome { e.code } else { nil }
            dispatcher.stats.countRequest(error: code, micros: micros)
            if closing { continue }
            context.write(wrapOutboundOut(next.reply), promise: nil)
            needsFlush = true
            if next.close {
                closing = true
                // Flush the reply just written (an empty ByteBuffer here would reach ReplyEncoder,
                // which only takes Reply, and trap), then close.
                needsFlush = false
                context.flush()
                context.close(promise: nil)
                return
            }
        }
        if !deferFlush { flushIfNeeded(context) }
        if readPending && inFlight < maxInFlight && !draining {
            readPending = false
            context.read()
        }
        if draining && inFlight == 0 && !closing {
            closing = true
            flushIfNeeded(context)
            context.close(promise: nil)
        }
    }

    private func flushIfNeeded(_ context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
    }

    func read(context: ChannelHandlerContext) {
        if inFlight >= maxInFlight || draining {
            readPending = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent || (event as? ChannelEvent) == .inputClosed {
            draining = true
            if inFlight == 0 && !closing {
                closing = true
                flushIfNeeded(context)
                context.close(promise: nil)
            }
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
