public import AffinityProtocol

/// Per-connection state without NIO: authentication, wrong-token rate limit and idle timeout.
/// Generic over the clock so tests drive it with a manual clock and never sleep.
public struct ConnectionState<C: Clock>: Sendable where C.Instant: Sendable {
    public enum Auth: Equatable, Sendable {
        /// No tokens configured: every op is allowed (loopback only).
        case open
        case awaiting(failures: Int)
        case authenticated(Role)
    }

    /// What to do with a request.
    public enum Action: Sendable {
        case dispatch(Request)
        case reply(Result<any Encodable & Sendable, ProtocolError>)
        /// Answer, then close the connection (too many wrong tokens).
        case replyAndClose(ProtocolError)
    }

    public private(set) var auth: Auth
    public private(set) var lastActivity: C.Instant
    public let maxAuthFailures: Int

    public init(tokensRequired: Bool, now: C.Instant, maxAuthFailures: Int = 3) {
        auth = tokensRequired ? .awaiting(failures: 0) : .open
        lastActivity = now
        self.maxAuthFailures = maxAuthFailures
    }

    /// Decides what to do with a parsed request.
    /// Before authentication, only a well-formed `auth` learns more than `unauthenticated`.
    public mutating func admit(_ request: Result<Request, ProtocolError>, op: Op?, tokens: TokenStore?, now: C.Instant) -> Action {
        lastActivity = now
        let req: Request
        switch request {
        case .failure(let e):
            if case .awaiting = auth, op != .auth { return .reply(.failure(Self.authenticateFirst)) }
            return .reply(.failure(e))
        case .success(let r): req = r
        }
        switch (auth, req) {
        case (.open, _):
            return .dispatch(req)
        case (_, .auth(let p)):
            if let role = tokens?.role(for: p.token) {
                auth = .authenticated(role)
                return .reply(.success(AuthResult(role: role)))
            }
            let count = (failures(of: auth)) + 1
            auth = .awaiting(failures: count)
            if count >= maxAuthFailures {
                return .replyAndClose(.unauthenticated("unknown token; \(count) failed attempts, closing the connection"))
            }
            return .reply(.failure(.unauthenticated("unknown token")))
        case (.awaiting, _):
            return .reply(.failure(Self.authenticateFirst))
        case (.authenticated(let role), _):
            guard role.allows(req.op) else { return .reply(.failure(.forbidden(op: req.op, role: role))) }
            return .dispatch(req)
        }
    }

    static var authenticateFirst: ProtocolError {
        .unauthenticated("authenticate first: send {\"op\":\"auth\",\"token\":\"…\"}")
    }

    private func failures(of auth: Auth) -> Int {
        if case .awaiting(let n) = auth { return n }
        return 0
    }

    /// True when nothing arrived for longer than `timeout`.
    public func isIdle(now: C.Instant, timeout: C.Duration) -> Bool {
        lastActivity.duration(to: now) > timeout
    }
}
