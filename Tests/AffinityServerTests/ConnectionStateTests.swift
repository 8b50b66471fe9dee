import AffinityProtocol
import AffinityServer
import Testing

@Suite struct ConnectionStateTests {
    let tokens = TokenStore(roles: ["store-token-1": .storefront, "admin-token-1": .admin])
    let t0 = ManualClock.Instant(offset: .zero)

    private func code(_ a: ConnectionState<ManualClock>.Action) -> ErrorCode? {
        switch a {
        case .dispatch: nil
        case .reply(.success): nil
        case .reply(.failure(let e)), .replyAndClose(let e): e.code
        }
    }

    @Test func authThenRoleChecks() {
        var s = ConnectionState<ManualClock>(tokensRequired: true, now: t0)
        #expect(code(s.admit(.success(.health), op: .health, tokens: tokens, now: t0)) == .unauthenticated)
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

    @Test func tokenComparisonIsExact() {
        #expect(tokens.role(for: "admin-token-1") == .admin)
        #expect(tokens.role(for: "admin-token-") == nil)
        #expect(tokens.role(for: "admin-token-10") == nil)
        #expect(tokens.role(for: "") == nil)
    }
}
