import AffinityProtocol
import NIOCore

/// Frames → parsed requests. An oversized line becomes a `frame_too_large` request value so its
/// reply keeps its place in the order.
final class RequestDecoderHandler: ChannelInboundHandler {
    typealias InboundIn = NDJSONFrame
    typealias InboundOut = ParsedRequest

    private let parser = RequestParser()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let parsed: ParsedRequest
        switch unwrapInboundIn(data) {
        case .frame(let buffer):
            parsed = parser.parse(buffer)
        case .oversized(let limit):
            parsed = ParsedRequest(id: nil, request: .failure(.frameTooLarge(maxFrameBytes: limit)))
        }
        context.fireChannelRead(wrapInboundOut(parsed))
    }
}

@available(*, unavailable)
extension RequestDecoderHandler: Sendable {}
