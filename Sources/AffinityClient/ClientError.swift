public import AffinityProtocol

/// Failures seen by the client.
public enum ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with an error reply.
    case server(ErrorBody)
    /// The connection closed before the reply arrived.
    case connectionClosed
    /// The reply could not be decoded as the expected result.
    case badReply(String)
    /// Could not connect to `host:port`; `reason` is one phrase such as "connection refused".
    case connect(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .server(let e): "\(e.code.rawValue): \(e.message)"
        case .connectionClosed: "the connection closed before the reply arrived"
        case .badReply(let m): "unexpected reply: \(m)"
        case .connect(let host, let port, let reason):
            "cannot connect to \(host):\(port): \(reason) — is `affinity serve` running?"
        }
    }
}
