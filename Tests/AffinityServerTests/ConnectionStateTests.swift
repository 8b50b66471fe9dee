import AffinityProtocol
import AffinityServer
import Testing

@Suite struct ConnectionStateTests {
    let tokens = TokenStore(roles: ["store-token-1": .storefront, "admin-token-1": .admin])
    let t0 = ManualClock.Instant(offset: .zero)

    private func code(_ a: ConnectionState<ManualClock>.Action) -> ErrorCode? {
        switch a {
        case .dispatch, .dispatchAnonymous: nil
        case .reply(.success): nil
        case .reply(.failure(let e)), .replyAndClose(let e): e.code
        }
    }

    @Test func authThenRoleChecks() {
        var s = ConnectionState<ManualClock>(tokensRequired: true, now: t0)
        #expect(code(s.admit(.success(.stats), op: .stats, tokens: tokens, now: t0)) == .unauthenticated)
        #expect(code(s.admit(.failure(.badJSON("x")), op: nil, tokens: tokens, now: t0)) == .unauthenticated)
        #expect(code(s.admit(.failure(.badRequest(field: "token", expected: "a string", got: nil)), op: .auth, tokens: tokens, now: t0)) == .badRequest)
        if case .reply(.success(let r)) = s.admit(.success(.auth(AuthParams(token: "store-token-1"))), op: .auth, tokens: tokens, now: t0) {
            #expect((r as? AuthResult)?.role == .storefront)
        } else {
            Issue.record("auth with a valid token did not succeed")
        }
        #expect(s.auth == .authenticated(.storefront))
        #expect(code(s.admit(.success(.stats), op: .stats, tokens: tokens, now: t0)) == .forbidden)
        if case .dispatch = s.admit(.success(.health), op: .health, tokens: tokens, now: t0) {} else { Issue.record("health not dispatched") }
    }

    /// Issue 17 item 5: a load balancer's probe gets the status without a token, and nothing else does.
    @Test func healthAnswersBeforeAuthWithoutDetails() {
        var s = ConnectionState<ManualClock>(tokensRequired: true, now: t0)
        guard case .dispatchAnonymous(.health) = s.admit(.success(.health), op: .health, tokens: tokens, now: t0) else {
            Issue.record("health before auth was not dispatched anonymously")
            return
        }
        #expect(s.auth == .awaiting(failures: 0), "health does not authenticate")
        #expect(code(s.admit(.success(.modelInfo), op: .modelInfo, tokens: tokens, now: t0)) == .unauthenticated)
        _ = s.admit(.success(.auth(AuthParams(token: "store-token-1"))), op: .auth, tokens: tokens, now: t0)
        guard case .dispatch(.health) = s.admit(.success(.health), op: .health, tokens: tokens, now: t0) else {
            Issue.record("health after auth was not dispatched with details")
            return
        }
    }

    /// Issue 17 item 4: an op outside the role is `forbidden` even when its parameters are bad, and
    /// before authentication it is `unauthenticated`; parameter errors reach only callers who may call the op.
    @Test func authorizationComesBeforeValidation() {
        let marketer = TokenStore(roles: ["marketer-token-1": .marketer])
        let bad = ProtocolError.badRequest(field: "events", expected: "1 to 1000 events", got: "0")
        var s = ConnectionState<ManualClock>(tokensRequired: true, now: t0)
        #expect(code(s.admit(.failure(bad), op: .feedbackBatch, tokens: marketer, now: t0)) == .unauthenticated)
        _ = s.admit(.success(.auth(AuthParams(token: "marketer-token-1"))), op: .auth, tokens: marketer, now: t0)
        #expect(s.auth == .authenticated(.marketer))
        for op in Op.allCases where !Role.marketer.allows(op) {
            #expect(code(s.admit(.failure(bad), op: op, tokens: marketer, now: t0)) == .forbidden, "\(op)")
        }
        #expect(code(s.admit(.failure(bad), op: .churnBatch, tokens: marketer, now: t0)) == .badRequest)
        #expect(code(s.admit(.failure(.badJSON("x")), op: nil, tokens: marketer, now: t0)) == .badJSON)
        var open = ConnectionState<ManualClock>(tokensRequired: false, now: t0)
        #expect(code(open.admit(.failure(bad), op: .feedbackBatch, tokens: nil, now: t0)) == .badRequest)
    }

    @Test func wrongTokensAreLimitedThenClose() {
        var s = ConnectionState<ManualClock>(tokensRequired: true, now: t0, maxAuthFailures: 3)
        let wrong = Request.auth(AuthParams(token: "store-token-2"))
        #expect(code(s.admit(.success(wrong), op: .auth, tokens: tokens, now: t0)) == .unauthenticated)
        #expect(code(s.admit(.success(wrong), op: .auth, tokens: tokens, now: t0)) == .unauthenticated)
        guard case .replyAndClose(let e) = s.admit(.success(wrong), op: .auth, tokens: tokens, now: t0) else {
            Issue.record("third wrong token did not close")
            return
        }
        #expect(!e.description.contains("store-token"))
    }

    @Test func openModeAllowsEverythingAndIdleUsesTheClock() {
        var s = ConnectionState<ManualClock>(tokensRequired: false, now: t0)
        if case .dispatch = s.admit(.success(.stats), op: .stats, tokens: nil, now: t0.advanced(by: .seconds(5))) {} else {
            Issue.record("open mode did not dispatch")
        }
        #expect(!s.isIdle(now: t0.advanced(by: .seconds(64)), timeout: .seconds(60)))
        #expect(s.isIdle(now: t0.advanced(by: .seconds(66)), timeout: .seconds(60)))
    }

    @Test func idleTimeoutCountsFromTheLastBytes() {
        var limits = ConnectionLimits()
        limits.idleTimeoutMilliseconds = 1_000
        limits.frameTimeoutMilliseconds = 60_000
        var s = ConnectionState<ManualClock>(tokensRequired: false, now: t0, limits: limits)
        #expect(s.expired(now: t0.advanced(by: .milliseconds(999))) == nil)
        #expect(s.expired(now: t0.advanced(by: .milliseconds(1_000))) == .idle)
        let t1 = t0.advanced(by: .milliseconds(900))
        s.received(byteCount: 10, lastNewline: 9, now: t1)
        #expect(s.expired(now: t0.advanced(by: .milliseconds(1_500))) == nil, "bytes at 900 ms keep it open")
        #expect(s.expired(now: t1.advanced(by: .milliseconds(1_000))) == .idle)
        #expect(s.checkInterval == .milliseconds(250))
    }

    @Test func slowLorisIsTimedFromTheFirstByteOfTheLine() {
        var limits = ConnectionLimits()
        limits.idleTimeoutMilliseconds = 60_000
        limits.frameTimeoutMilliseconds = 300
        var s = ConnectionState<ManualClock>(tokensRequired: false, now: t0, limits: limits)
        // One byte every 50 ms of a line that never ends: never idle, but the line is too slow.
        var now = t0
        for _ in 0..<6 {
            now = now.advanced(by: .milliseconds(50))
            s.received(byteCount: 1, lastNewline: nil, now: now)
            #expect(s.expired(now: now) == nil)
        }
        #expect(s.lineStarted == t0.advanced(by: .milliseconds(50)))
        now = now.advanced(by: .milliseconds(50))
        #expect(s.expired(now: now) == .requestLine)
        // A line that ends, with nothing after it, stops the clock; bytes after the newline restart it.
        s.received(byteCount: 5, lastNewline: 4, now: now)
        #expect(s.lineStarted == nil)
        #expect(s.expired(now: now.advanced(by: .seconds(10))) == nil)
        s.received(byteCount: 5, lastNewline: 2, now: now)
        #expect(s.lineStarted == now)
        #expect(s.expired(now: now.advanced(by: .milliseconds(299))) == nil)
        #expect(s.expired(now: now.advanced(by: .milliseconds(300))) == .requestLine)
        #expect(s.checkInterval == .milliseconds(75))
    }

    @Test func tokenComparisonIsExact() {
        #expect(tokens.role(for: "admin-token-1") == .admin)
        #expect(tokens.role(for: "admin-token-") == nil)
        #expect(tokens.role(for: "admin-token-10") == nil)
        #expect(tokens.role(for: "") == nil)
    }
}
