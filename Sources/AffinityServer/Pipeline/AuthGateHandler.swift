import AffinityProtocol
import NIOCore

/// A request after the auth gate: what to do with it and when it arrived.
struct GatedRequest {
    var id: RequestID?
    var action: ConnectionState<ContinuousClock>.Action
    var receivedAt: ContinuousClock.Instant
}

/// Applies the connection's `ConnectionState`: the first request must authenticate when tokens are
/// configured, and each op must be allowed for the role. Denials travel on as reply values.
final class AuthGateHandler: ChannelInboundHandler {
    typealias InboundIn = ParsedRequest
    typealias InboundOut = GatedRequest

    private let tokens: TokenStore?
    private let connection: ConnectionStateBox

    init(tokens: TokenStore?, connection: ConnectionStateBox) {
        self.tokens = tokens
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let parsed = unwrapInboundIn(data)
        let now = ContinuousClock.now
        let action = connection.state.admit(parsed.request, op: parsed.op, tokens: tokens, now: now)
        context.fireChannelRead(wrapInboundOut(GatedRequest(id: parsed.id, action: action, receivedAt: now)))
    }
}

@available(*, unavailable)
extension AuthGateHandler: Sendable {}
