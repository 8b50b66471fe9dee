public import AffinityProtocol
public import NIOCore
public import Logging

/// Per-connection settings shared by every connection of a server.
public struct ConnectionConfig: Sendable {
    public var maxFrameBytes: Int
    public var maxInFlight: Int
    public var tokens: TokenStore?
    public var limits = ConnectionLimits()
    /// Per-event-loop `recommend` batching; nil: each request is scored alone.
    public var batchers: RecommendBatchers?
    /// Set for a connection accepted beyond `limits.maxConnections`: it gets `overloaded` and is closed.
    public var overCapacity = false

    public init(maxFrameBytes: Int = ProtocolLimits.defaultMaxFrameBytes, maxInFlight: Int = ProtocolLimits.defaultMaxInFlight,
                tokens: TokenStore? = nil) {
        self.maxFrameBytes = maxFrameBytes
        self.maxInFlight = maxInFlight
        self.tokens = tokens
    }
}

/// The one place the connection pipeline is assembled. From the head (the socket) to the tail:
///
///     ConnectionLimitsHandler  (both ways) max connections, idle and slow-loris timeouts, bounded unread replies
///     NDJSONFrameDecoder       bytes → NDJSONFrame (an oversized line becomes a frame value, not an error),
///                              in a ByteToMessageHandler
///     RequestDecoderHandler    NDJSONFrame → ParsedRequest (bad_json / bad_request / unknown_op / frame_too_large as values)
///     AuthGateHandler          ParsedRequest → GatedRequest through the connection's ConnectionState
///                              (unauthenticated / forbidden as values)
///     ReplyEncoder             (outbound) Reply → one JSON line, in a MessageToByteHandler
///     DispatchHandler          runs ops (recommends batched per event loop), keeps replies in request order,
///                              limits requests in flight
///     ConnectionErrorHandler   logs a thrown error and closes this connection only
///
/// The reply encoder sits above the dispatcher because outbound data flows toward the head.
public enum Pipeline {
    public static func configure(_ channel: any Channel, config: ConnectionConfig, dispatcher: Dispatcher,
                                 logger: Logger) throws {
        let ops = channel.pipeline.syncOperations
        let connection = ConnectionStateBox(ConnectionState(tokensRequired: config.tokens != nil, now: .now, limits: config.limits))
        try ops.addHandler(ConnectionLimitsHandler(limits: config.limits, overCapacity: config.overCapacity, connection: connection))
        try ops.addHandler(ByteToMessageHandler(NDJSONFrameDecoder(maxFrameBytes: config.maxFrameBytes)))
        try ops.addHandler(RequestDecoderHandler())
        try ops.addHandler(AuthGateHandler(tokens: config.tokens, connection: connection))
        try ops.addHandler(MessageToByteHandler(ReplyEncoder()))
        let batcher = config.batchers?.batcher(for: channel.eventLoop)
        try ops.addHandler(DispatchHandler(dispatcher: dispatcher, maxInFlight: config.maxInFlight, batcher: batcher))
        try ops.addHandler(ConnectionErrorHandler(logger: logger))
    }
}
