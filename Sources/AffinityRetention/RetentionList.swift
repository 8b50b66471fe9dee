import AffinityChurn

/// The retention list: customers by value at risk, largest first, each with reasons and offers.
public struct RetentionList: Sendable {
    public var entries: [RetentionEntry]
    /// Offers per row (the CSV has this many offer columns).
    public var offerCount: Int
    /// Customers scored (before `top` cut the list).
    public var customers: Int
    /// Customers of the churn table without a CLV score, left out (both sources given).
    public var missingCLV: Int
    /// Value at risk of every scored customer, largest first (for the value-at-risk curve).
    public var valuesAtRisk: [Double]

    /// Listed customers the recommender did not know (offered popular items).
    public var popularFallbacks: Int { entries.filter(\.offers.popularFallback).count }

    /// Scores every customer (the churn table's rows; with CLV only, the CLV customers), sorts by
    /// value at risk (`RetentionRisk`), keeps the top `config.top` and recommends offers for those.
    /// Tiers: the churn model's; with CLV only, the list's own quantiles of 1 − P(alive)
    /// (`TierThresholds.fromQuantiles`: the top 20% high, the next 30% medium).
    public static func build(_ inputs: RetentionInputs, config: RetentionConfig) throws -> RetentionList {
        try config.validate()
        let clvByID = inputs.clv.map { Dictionary($0.map { ($0.customer.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        var scored: [(id: String, risk: RetentionRisk, tier: RiskTier?, reasons: [Reason])] = []
        var missing = 0
        if let churn = inputs.churn {
            let (model, customers) = churn
            guard model.encoder.idColumn != nil else {
                throw RetentionError.invalid("\(customers.source): the churn model has no customer ID column; retrain it with --id COLUMN")
            }
            for s in try model.score(table: customers) {
                let id = s.customerID ?? ""
                var clv: (pAlive: Double, expectedValue: Double)?
                if let clvByID {
                    guard let c = clvByID[id] else { missing += 1; continue }
                    clv = (c.pAlive, c.expectedValue)
                }
                scored.append((id, RetentionRisk.combine(churnProbability: s.probability, clv: clv)!, s.tier, s.reasons))
            }
        } else if let clv = inputs.clv {
            for c in clv {
                scored.append((c.customer.id, RetentionRisk.combine(churnProbability: nil, clv: (c.pAlive, c.expectedValue))!, nil, []))
            }
        } else {
            throw RetentionError.invalid("a retention list needs a risk source: a churn model with its customers, a CLV model, or both")
        }
        let tiers = TierThresholds.fromQuantiles(scored.map { $0.risk.churnProbability })
        scored.sort { RetentionRisk.before(($0.risk, $0.id), ($1.risk, $1.id)) }
        let bought = inputs.purchases?.itemsBought() ?? [:]
        let listed = scored.prefix(config.top ?? scored.count)
        let entries = listed.map { s in
            RetentionEntry(customerID: s.id, risk: s.risk, tier: s.tier ?? tiers.tier(s.risk.churnProbability), reasons: s.reasons,
                           offers: RetentionOffers.recommend(inputs.recommender, customer: s.id, count: config.offers,
                                                             bought: bought[s.id] ?? [], catalog: inputs.catalog))
        }
        return RetentionList(entries: entries, offerCount: config.offers, customers: scored.count, missingCLV: missing,
                             valuesAtRisk: scored.map { $0.risk.valueAtRisk })
    }
}
