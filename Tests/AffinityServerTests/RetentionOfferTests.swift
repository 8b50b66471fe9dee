import AffinityChurn
import AffinityData
import AffinityProtocol
import AffinityServer
import Testing

@Suite struct RetentionOfferTests {
    /// CLV scores for alice and bob, alice's purchases, names for every item and two categories.
    static func data() -> RetentionData {
        let catalog = ProductCatalog(products: (0..<40).map { .init(item: "i\($0)", name: "Item \($0)", category: $0 % 2 == 0 ? "even" : "odd") },
                                     columns: [.name, .category])
        return RetentionData(clv: ["alice": (pAlive: 0.25, expectedValue: 80), "bob": (pAlive: 0.9, expectedValue: 10)],
                             clvTiers: TierThresholds(medium: 0.3, high: 0.6, origin: "given"),
                             bought: ["alice": ["i0", "i1", "i2", "i3"]], catalog: catalog)
    }

    @Test func bothSourcesMultiplyChurnByValueAndOfferUnboughtNamedItems() async throws {
        let fx = try DispatcherFixture(retention: Self.data())
        let customer: [String: JSONScalar] = ["days_since_last_order": .number(40)]
        let churn = try TestChurnModel().score(customer: ["days_since_last_order": "40"])
        let r = try await fx.result(.retentionOffer(RetentionOfferParams(user: "alice", customer: customer, k: 5)), as: RetentionOfferResult.self)
        #expect(r.riskSource == "churn_model+clv")
        #expect(r.churnProbability == churn.probability)
        #expect(r.tier == churn.tier)
        #expect(r.reasons == churn.reasons)
        #expect(r.expectedValue == 80)
        #expect(r.pAlive == 0.25)
        #expect(r.valueAtRisk == churn.probability * 80)
        #expect(r.offers.count == 5)
        // Offers: the model's unseen items for alice, minus what she bought.
        let unseen = try await fx.result(.recommend(RecommendParams(user: "alice", k: 40)), as: RecommendResult.self)
        let expected = unseen.items.map(\.item).filter { !["i0", "i1", "i2", "i3"].contains($0) }.prefix(5)
        #expect(r.offers.map(\.item) == Array(expected))
        #expect(r.offers.allSatisfy { $0.name == "Item \($0.item.dropFirst())" })
        var sums: [String: Double] = [:]
        for o in r.offers { sums[Int(o.item.dropFirst())! % 2 == 0 ? "even" : "odd", default: 0] += Double(o.score) }
        #expect(r.offerCategory == sums.max { $0.value < $1.value }?.key)
    }

    @Test func clvOnlyAndChurnOnly() async throws {
        let fx = try DispatcherFixture(retention: Self.data())
        let clvOnly = try await fx.result(.retentionOffer(RetentionOfferParams(user: "alice")), as: RetentionOfferResult.self)
        #expect(clvOnly.riskSource == "clv")
        #expect(clvOnly.churnProbability == 0.75)
        #expect(clvOnly.valueAtRisk == 0.75 * 80)
        #expect(clvOnly.tier == "high")
        #expect(clvOnly.reasons.isEmpty)
        #expect(clvOnly.offers.count == 3)
        let churnOnly = try await fx.result(.retentionOffer(RetentionOfferParams(user: "carol", customer: ["days_since_last_order": .number(5)])),
                                            as: RetentionOfferResult.self)
        #expect(churnOnly.riskSource == "churn_model")
        #expect(churnOnly.expectedValue == nil)
        #expect(churnOnly.valueAtRisk == churnOnly.churnProbability)
    }

    @Test func errorsSayWhatIsMissing() async throws {
        let fx = try DispatcherFixture(retention: Self.data())
        #expect(await fx.errorCode(.retentionOffer(RetentionOfferParams(user: "carol"))) == .badRequest)
        let bare = try DispatcherFixture()
        #expect(await bare.errorCode(.retentionOffer(RetentionOfferParams(user: "alice"))) == .badRequest)
        let noChurn = try DispatcherFixture(churn: false, retention: Self.data())
        #expect(await noChurn.errorCode(.retentionOffer(RetentionOfferParams(user: "alice", customer: ["days_since_last_order": .number(1)]))) == .notLoaded)
        let noModel = try DispatcherFixture(model: false, retention: Self.data())
        #expect(await noModel.errorCode(.retentionOffer(RetentionOfferParams(user: "alice"))) == .notLoaded)
    }

    @Test func onlyMarketersAndAdminsMayAsk() {
        #expect(Role.marketer.allows(.retentionOffer))
        #expect(Role.admin.allows(.retentionOffer))
        #expect(!Role.storefront.allows(.retentionOffer))
    }
}
