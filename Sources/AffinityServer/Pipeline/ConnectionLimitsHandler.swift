import AffinityProtocol
import Foundation
import NIOCore

/// First in the pipeline (it sees raw bytes in and every reply out): enforces `ConnectionLimits` —
/// over-capacity connections get `overloaded` and are closed; idle connections, request lines that
/// take too long to arrive (slow loris) and clients whose unread replies exceed the outbound bound
/// are closed. The timeouts are decided by the connection's `ConnectionState` (this handler reports
/// the bytes and asks on a timer). Closing affects this connection only.
final class ConnectionLimitsHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let overCapacity: Bool
    private let connection: ConnectionStateBox
    private var outboundBytes = 0
    private var timer: Scheduled<Void>?
    private var closed = false

    init(limits: ConnectionLimits, overCapacity: Bool, connection: ConnectionStateBox) {
        self.limits = limits
        self.overCapacity = overCapacity
        self.connection = connection
    }

    func channelActive(context: ChannelHandlerContext) {
        if overCapacity {
            var line = Reply.failure(nil, .overloaded("the server is at its limit of \(limits.maxConnections) connections; retry later"))
                .encoded(allocator: context.channel.allocator)
            line.writeInteger(UInt8(ascii: "\n"))
            context.writeAndFlush(wrapOutboundOut(line)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            closed = true
        } else {
            schedule(context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        timer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closed { return }
        let bytes = unwrapInboundIn(data)
        let lastNewline = bytes.readableBytesView.lastIndex(of: UInt8(ascii: "\n")).map { $0 - bytes.readerIndex }
        connection.state.received(byteCount: bytes.readableBytes, lastNewline: lastNewline, now: .now)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let count = unwrapOutboundIn(data).readableBytes
        outboundBytes += count
        if outboundBytes > limits.maxOutboundBytes && !closed {
            closeNow(context)
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        let done = promise ?? context.eventLoop.makePromise()
        done.futureResult.assumeIsolated().whenComplete { [self] _ in outboundBytes -= count }
        context.write(data, promise: done)
    }

    private func schedule(_ context: ChannelHandlerContext) {
        let tick = TimeAmount.microseconds(connection.state.checkInterval.microseconds)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: tick) { bound.value.0.check(bound.value.1) }
    }

    private func check(_ context: ChannelHandlerContext) {
        if closed { return }
        if connection.state.expired(now: .now) != nil { return closeNow(context) }
        schedule(context)
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        closed = true
        timer?.cancel()
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension ConnectionLimitsHandler: Sendable {}
