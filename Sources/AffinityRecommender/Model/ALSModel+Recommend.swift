import AffinityData
import AffinityNumerics

extension ALSModel {
    /// Top-`k` items for an external user ID. Unknown users get the most popular items that
    /// pass the filter, with `source == .popularFallback`. Cost: items × f fused multiply-adds
    /// (the scoring kernel) plus a heap of k.
    public func recommend(user: String, k: Int = 10, filter: RecommendationFilter = RecommendationFilter(),
                          catalog: ItemCatalog? = nil) -> RecommendationList {
        guard let u = users.index(of: user) else {
            return RecommendationList(items: popular(k: k, filter: filter, catalog: catalog), source: .popularFallback)
        }
        return RecommendationList(items: recommend(userIndex: u, k: k, filter: filter, catalog: catalog), source: .model)
    }

    /// Top-`k` items for a known user index, from the stored factors.
    public func recommend(userIndex u: Int32, k: Int = 10, filter: RecommendationFilter = RecommendationFilter(),
                          catalog: ItemCatalog? = nil) -> [Recommendation] {
        recommend(factors: userFactors(u), seen: userHistoryItems(u), k: k, filter: filter, catalog: catalog)
    }

    /// Top-`k` items for arbitrary user factors (e.g. after an online fold-in). `seen` are the
    /// item indices to leave out when `filter.excludeSeen` is on. A batch of one for
    /// `recommend(batch:catalog:)` (same kernel, same bits).
    public func recommend(factors x: UnsafeBufferPointer<Float>, seen: some Sequence<Int32>, k: Int,
                          filter: RecommendationFilter = RecommendationFilter(), catalog: ItemCatalog? = nil) -> [Recommendation] {
        precondition(x.count == factors, "recommend: factors has \(x.count) elements; the model has \(factors)")
        return recommend(batch: [RecommendQuery(factors: Array(x), seen: Array(seen), k: k, filter: filter)], catalog: catalog)[0]
    }

    /// The most popular items passing `filter` (scores are user counts).
    func popular(k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> [Recommendation] {
        var scores = popularity
        return select(scores: &scores, k: k, filter: filter, catalog: catalog)
    }

    /// Applies the filter to `scores` and picks the top `k` (`RecommendationFilter.select`).
    func select(scores: inout [Float], k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> [Recommendation] {
        filter.select(scores: &scores, k: k, items: items, catalog: catalog)
    }
}
