import AffinityChurn
import AffinityProtocol
import AffinityRetention

extension Dispatcher {
    /// `retention_offer`: the customer's risk (churn model on `customer`, CLV scores, or both:
    /// `RetentionRisk`), the churn model's reasons, and `k` offers they have not bought (the recommender's
    /// unseen items, less their purchases in the server's --transactions), named from the catalogue.
    func retentionOffer(_ p: RetentionOfferParams, _ snapshot: ModelSnapshot) throws(ProtocolError) -> RetentionOfferResult {
        let model = try model(snapshot)
        var churn: ChurnResult?
        if let customer = p.customer { churn = try churnScore(customer, snapshot, field: "customer") }
        let clv = retention.clv[p.user]
        guard let risk = RetentionRisk.combine(churnProbability: churn?.probability, clv: clv) else {
            if retention.clvTiers == nil {
                throw .badRequest(field: "customer", expected: "the customer's churn features (the server has no CLV scores: start with --clv and --transactions)", got: nil)
            }
            throw .badRequest(field: "user", expected: "a customer of the server's --transactions file, or their churn features in \"customer\"", got: p.user)
        }
        let view = snapshot.users.recommendView(p.user)
        let request = RecommendRequest(profile: view.profile, trainedUser: view.forgotten ? nil : p.user, excludeSeen: true, k: p.k ?? 3,
                                       filter: RecommendFilter(excludeItems: retention.bought[p.user] ?? []))
        let list = model.recommend(batch: [request])[0]
        let offers = RetentionOffers(items: list.items.map { (item: $0.item, score: $0.score) }, catalog: retention.catalog,
                                     popularFallback: list.source == "popular_fallback")
        let source = churn == nil ? "clv" : (clv == nil ? "churn_model" : "churn_model+clv")
        return RetentionOfferResult(
            user: p.user, churnProbability: risk.churnProbability,
            tier: churn?.tier ?? retention.clvTiers?.tier(risk.churnProbability).rawValue ?? "",
            pAlive: clv?.pAlive, expectedValue: clv == nil ? nil : risk.expectedValue.finiteOrNil,
            valueAtRisk: risk.valueAtRisk.finiteOrNil, riskSource: source, reasons: churn?.reasons ?? [],
            offers: offers.offers.map { .init(item: $0.item, name: $0.name, score: $0.score) }, offerCategory: offers.category,
            source: list.source, modelVersion: list.modelVersion)
    }
}

extension Double {
    /// nil for NaN and infinities (JSON has no NaN).
    var finiteOrNil: Double? { isFinite ? self : nil }
}
