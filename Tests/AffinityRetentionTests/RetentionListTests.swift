import AffinityChurn
import AffinityData
import AffinityRecommender
import AffinityRetention
import Foundation
import Testing

@Suite struct RetentionListTests {
    static let header = ["customer_id", "churn_probability", "tier", "expected_value", "value_at_risk", "reason_1", "reason_2", "reason_3",
                         "offer_1", "offer_2", "offer_1_name", "offer_2_name", "offer_category"]

    @Test func bothSourcesOrderByChurnTimesValueWithExactColumns() throws {
        let model = try RetentionFixtures.churnModel()
        let inputs = RetentionInputs(recommender: try RetentionFixtures.recommender(), churn: (model, RetentionFixtures.unlabelled()),
                                     clv: RetentionFixtures.clv(), catalog: RetentionFixtures.catalog())
        let list = try RetentionList.build(inputs, config: RetentionConfig(offers: 2))
        #expect(list.header == Self.header)
        #expect(list.customers == 59)
        #expect(list.missingCLV == 1)
        #expect(!list.entries.contains { $0.customerID == "C59" })
        // Reference: each customer's probability from the churn model alone, times the CLV value.
        let p = Dictionary(uniqueKeysWithValues: try model.score(table: RetentionFixtures.unlabelled()).map { ($0.customerID!, $0) })
        let value = Dictionary(uniqueKeysWithValues: RetentionFixtures.clv().map { ($0.customer.id, $0.expectedValue) })
        let expected = value.map { ($0.key, p[$0.key]!.probability * $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        #expect(list.entries.map(\.customerID) == expected.map { $0.0 })
        for (e, ref) in zip(list.entries, expected) {
            #expect(abs(e.risk.valueAtRisk - ref.1) <= 1e-12 * max(1, ref.1))
            #expect(e.tier == p[e.customerID]!.tier)
            #expect(e.reasons == p[e.customerID]!.reasons)
        }
        let rows = list.rows
        #expect(rows.count == 59)
        for (row, e) in zip(rows, list.entries) {
            #expect(row.count == Self.header.count)
            #expect(row[0] == e.customerID)
            #expect(row[4] == String(format: "%.4f", e.risk.valueAtRisk))
            #expect(row[5] == (e.reasons.first?.cell ?? ""))
        }
    }

    @Test func clvOnlyRiskIsOneMinusPAlive() throws {
        let inputs = RetentionInputs(recommender: try RetentionFixtures.recommender(), clv: RetentionFixtures.clv())
        let list = try RetentionList.build(inputs, config: RetentionConfig(offers: 1))
        let byID = Dictionary(uniqueKeysWithValues: RetentionFixtures.clv().map { ($0.customer.id, $0) })
        #expect(list.entries.count == 59)
        for e in list.entries {
            let c = byID[e.customerID]!
            #expect(e.risk.churnProbability == 1 - c.pAlive)
            #expect(e.risk.valueAtRisk == (1 - c.pAlive) * c.expectedValue)
            #expect(e.reasons.isEmpty)
        }
        #expect(zip(list.entries, list.entries.dropFirst()).allSatisfy { $0.risk.valueAtRisk >= $1.risk.valueAtRisk })
        // Tiers from the list's own quantiles: the riskiest fifth is high.
        let high = list.entries.filter { $0.tier == .high }.count
        #expect((10...13).contains(high))
    }

    @Test func churnOnlyValueIsOneCustomer() throws {
        let model = try RetentionFixtures.churnModel()
        let inputs = RetentionInputs(recommender: try RetentionFixtures.recommender(), churn: (model, RetentionFixtures.unlabelled()))
        let list = try RetentionList.build(inputs, config: RetentionConfig(top: 5))
        #expect(list.customers == 60)
        #expect(list.entries.count == 5)
        #expect(list.valuesAtRisk.count == 60)
        let top = try model.score(table: RetentionFixtures.unlabelled()).map(\.probability).sorted(by: >).prefix(5)
        #expect(list.entries.map(\.risk.valueAtRisk) == Array(top))
        #expect(list.entries.allSatisfy { $0.risk.expectedValue == 1 && $0.risk.valueAtRisk == $0.risk.churnProbability })
    }

    @Test func offersLeaveOutBoughtItemsAndNameThem() throws {
        let recommender = try RetentionFixtures.recommender()
        let catalog = RetentionFixtures.catalog()
        // Newer purchases than the model saw: C0 also bought the two items the model would offer first.
        let before = recommender.recommend(user: "C0", k: 2, filter: RecommendationFilter(), catalog: nil).items.map(\.item)
        var log = TransactionLog()
        for item in before {
            log.customer.append(log.customers.intern("C0"))
            log.item.append(log.items.intern(item))
            log.quantity.append(1)
            log.time.append(0)
        }
        let inputs = RetentionInputs(recommender: recommender, clv: RetentionFixtures.clv(), purchases: log, catalog: catalog)
        let list = try RetentionList.build(inputs, config: RetentionConfig(offers: 4))
        let trainingItems = Set(RetentionFixtures.purchases().filter { $0.0 == "C0" }.map { $0.1 })
        for e in list.entries {
            let bought = e.customerID == "C0" ? trainingItems.union(before) : Set(RetentionFixtures.purchases().filter { $0.0 == e.customerID }.map { $0.1 })
            #expect(e.offers.offers.allSatisfy { !bought.contains($0.item) }, "offered a bought item to \(e.customerID)")
            #expect(e.offers.offers.count == 4)
            for o in e.offers.offers { #expect(o.name == catalog.name(of: o.item)) }
            // Reference: the category whose offers' scores sum highest.
            var sums: [String: Double] = [:]
            for o in e.offers.offers { sums[catalog.category(of: o.item)!, default: 0] += Double(o.score) }
            let best = sums.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
            #expect(e.offers.category == best)
        }
    }

    @Test func needsARiskSourceAndValidCounts() throws {
        let inputs = RetentionInputs(recommender: try RetentionFixtures.recommender())
        #expect(throws: RetentionError.self) { try RetentionList.build(inputs, config: RetentionConfig()) }
        #expect(throws: RetentionError.invalid("--offers must be between 1 and 100; got 0")) { try RetentionConfig(offers: 0).validate() }
        #expect(throws: RetentionError.invalid("--top must be at least 1; got 0")) { try RetentionConfig(top: 0).validate() }
    }

    @Test func nanValueAtRiskSortsLast() {
        let a = RetentionRisk.combine(churnProbability: 0.5, clv: (pAlive: 0.2, expectedValue: .nan))!
        let b = RetentionRisk.combine(churnProbability: 0.1, clv: (pAlive: 0.9, expectedValue: 3))!
        #expect(RetentionRisk.before((b, "b"), (a, "a")))
        #expect(!RetentionRisk.before((a, "a"), (b, "b")))
        #expect(RetentionRisk.combine(churnProbability: nil, clv: nil) == nil)
    }

    @Test func valueAtRiskCurveEndsAtTheWholeValue() {
        let svg = SVGPlot.valueAtRisk([5, 3, 2, .nan])
        #expect(svg.contains("Value at risk 10"))
        #expect(svg.contains("<polyline"))
        // The curve's last point is (all customers, all of the value): x(1), y(1) in the frame.
        #expect(svg.contains("370.0,50.0\""))
    }
}
