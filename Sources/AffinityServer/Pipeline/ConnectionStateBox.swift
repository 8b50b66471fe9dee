/// The connection's one `ConnectionState`, shared by the two handlers that apply it:
/// `ConnectionLimitsHandler` reports bytes and asks about timeouts, `AuthGateHandler` admits requests.
/// Both run on the channel's event loop, so it needs no lock (and is not `Sendable`).
final class ConnectionStateBox {
    var state: ConnectionState<ContinuousClock>

    init(_ state: ConnectionState<ContinuousClock>) {
        self.state = state
    }
}

@available(*, unavailable)
extension ConnectionStateBox: Sendable {}
