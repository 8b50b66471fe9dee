import AffinityProtocol
import NIOCore

/// What the client writes: bytes to send and one promise per reply frame they will produce.
struct ClientWrite {
    var bytes: ByteBuffer
    var replies: [EventLoopPromise<ByteBuffer>]
}

/// Matches reply frames to requests in order (affinity/1 answers in request order on a connection),
/// the way NIOExtras' RequestResponseHandler does.
final class ClientHandler: ChannelDuplexHandler {
    typealias InboundIn = NDJSONFrame
    typealias OutboundIn = ClientWrite
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<ByteBuffer>>()
    private var closed = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let write = unwrapOutboundIn(data)
        if closed {
            for p in write.replies { p.fail(ClientError.connectionClosed) }
            promise?.fail(ClientError.connectionClosed)
            return
        }
        waiting.append(contentsOf: write.replies)
        context.write(wrapOutboundOut(write.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .frame(let buffer):
            waiting.popFirst()?.succeed(buffer)
        case .oversized:
            waiting.popFirst()?.fail(ClientError.badReply("reply longer than the client's frame limit"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        while let p = waiting.popFirst() { p.fail(ClientError.connectionClosed) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension ClientHandler: Sendable {}
