public import AffinityProtocol

/// Per-connection state without NIO: authentication, the wrong-token limit, and the idle and
/// slow-loris timeouts (`ConnectionState+Timeouts.swift`). Generic over the clock so tests drive it
/// with a manual clock and never sleep.
public struct ConnectionState<C: Clock>: Sendable where C.Instant: Sendable, C.Duration == Duration {
    public enum Auth: Equatable, Sendable {
        /// No tokens configured: every op is allowed (loopback only).
        case open
        case awaiting(failures: Int)
        case authenticated(Role)
    }

    /// What to do with a request.
    public enum Action: Sendable {
        case dispatch(Request)
        /// An op allowed before authentication (`health`): answered without details.
        case dispatchAnonymous(Request)
        case reply(Result<any Encodable & Sendable, ProtocolError>)
        /// Answer, then close the connection (too many wrong tokens).
        case replyAndClose(ProtocolError)
    }

    public private(set) var auth: Auth
    public let maxAuthFailures: Int
    /// When bytes (or a request) last arrived.
    public internal(set) var lastActivity: C.Instant
    /// When the first byte of the current, still incomplete, request line arrived.
    public internal(set) var lineStarted: C.Instant?
    public let limits: ConnectionLimits

    public init(tokensRequired: Bool, now: C.Instant, maxAuthFailures: Int = 3, limits: ConnectionLimits = ConnectionLimits()) {
        auth = tokensRequired ? .awaiting(failures: 0) : .open
        lastActivity = now
        self.maxAuthFailures = maxAuthFailures
        self.limits = limits
    }

    /// Decides what to do with a parsed request; `op` is the op the frame named, even when its
    /// parameters were bad. Authorization comes before validation: an op the caller may not call is
    /// refused whatever its parameters. Before authentication, only `auth` and `health` learn more
    /// than `unauthenticated`.
    public mutating func admit(_ request: Result<Request, ProtocolError>, op: Op?, tokens: TokenStore?, now: C.Instant) -> Action {
        lastActivity = now
        let req: Request
        switch request {
        case .failure(let e): return .reply(.failure(denial(of: op) ?? e))
        case .success(let r): req = r
        }
        if let denied = denial(of: req.op) { return .reply(.failure(denied)) }
        switch (auth, req) {
        case (.open, _):
            return .dispatch(req)
        case (_, .auth(let p)):
            if let role = tokens?.role(for: p.token) {
                auth = .authenticated(role)
                return .reply(.success(AuthResult(role: role)))
            }
            let count = failures(of: auth) + 1
            auth = .awaiting(failures: count)
            if count >= maxAuthFailures {
                return .replyAndClose(.unauthenticated("unknown token; \(count) failed attempts, closing the connection"))
            }
            return .reply(.failure(.unauthenticated("unknown token")))
        case (.awaiting, _):
            return .dispatchAnonymous(req)
        case (.authenticated, _):
            return .dispatch(req)
        }
    }

    /// Why the caller may not call `op` now, or nil when it may (or the frame named no op).
    func denial(of op: Op?) -> ProtocolError? {
        switch auth {
        case .open:
            return nil
        case .awaiting:
            return op == .auth || op == .health ? nil : Self.authenticateFirst
        case .authenticated(let role):
            guard let op, !role.allows(op) else { return nil }
            return .forbidden(op: op, role: role)
        }
    }

    static var authenticateFirst: ProtocolError {
        .unauthenticated("authenticate first: send {\"op\":\"auth\",\"token\":\"…\"}")
    }

    private func failures(of auth: Auth) -> Int {
        if case .awaiting(let n) = auth { return n }
        return 0
    }
}
