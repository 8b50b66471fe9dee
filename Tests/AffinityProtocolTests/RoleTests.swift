import AffinityProtocol
import Testing

@Suite struct RoleTests {
    @Test func roleTableMatchesTheProtocol() {
        let storefront: Set<Op> = [.auth, .recommend, .recommendItems, .similarItems, .feedback, .feedbackBatch, .health]
        let marketer: Set<Op> = [.auth, .churnScore, .churnBatch, .retentionOffer, .health, .modelInfo]
        for op in Op.allCases {
            #expect(Role.storefront.allows(op) == storefront.contains(op), "storefront × \(op)")
            #expect(Role.marketer.allows(op) == marketer.contains(op), "marketer × \(op)")
            #expect(Role.admin.allows(op), "admin × \(op)")
        }
        for op in [Op.forgetUser, .exportUser, .reload, .stats] {
            #expect(!Role.storefront.allows(op) && !Role.marketer.allows(op))
        }
        // A checkout page or a service agent asks for retention offers through a marketer (or admin) token only.
        #expect(!Role.storefront.allows(.retentionOffer))
    }
}
