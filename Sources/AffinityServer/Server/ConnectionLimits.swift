/// Per-server and per-connection resource limits enforced by `ConnectionLimitsHandler`.
///
/// - `maxConnections`: connections beyond it get one `overloaded` reply and are closed.
/// - `idleTimeoutMilliseconds`: a connection that sends nothing for this long is closed.
/// - `frameTimeoutMilliseconds`: a request line must be complete within this long of its first byte
///   (a slow-loris client sending one byte a second is closed, while its bytes keep it "active").
/// - `maxOutboundBytes`: replies written but not yet taken by the client's socket; a client that never
///   reads is disconnected once its replies exceed this, so server memory per connection stays bounded.
public struct ConnectionLimits: Sendable {
    public var maxConnections = 10_000
    public var idleTimeoutMilliseconds: Int64 = 300_000
    public var frameTimeoutMilliseconds: Int64 = 30_000
    public var maxOutboundBytes = 8 << 20

    public init() {}
}
