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

    /// Applies the filter to `scores` (NaN = excluded) and picks the top `k`, honouring
    /// `maxPerCategory` by widening the candidate pool until the list is full or items run out.
    func select(scores: inout [Float], k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> [Recommendation] {
        guard k > 0 else { return [] }
        for id in filter.excludeItems { if let i = items.index(of: id) { scores[Int(i)] = .nan } }
        if let include = filter.includeItems {
            let keep = Set(include.compactMap { items.index(of: $0) })
            for i in 0..<scores.count where !keep.contains(Int32(i)) { scores[i] = .nan }
        }
        if let catalog, filter.usesCategories {
            let only = filter.categories.map { catalog.categoryIndices($0) }
            let banned = catalog.categoryIndices(filter.excludeCategories)
            for i in 0..<scores.count {
                let c = catalog.itemCategory[i]
                if banned.contains(c) || (only.map { !$0.contains(c) } ?? false) { scores[i] = .nan }
            }
        }
        let cap = catalog == nil ? nil : filter.maxPerCategory
        var pool = cap == nil ? k : k * 4
        while true {
            let top = TopK.select(scores, k: pool)
            var picked: [Recommendation] = []
            var perCategory: [Int32: Int] = [:]
            for e in top {
                if let cap, let catalog {
                    let c = catalog.itemCategory[Int(e.index)]
                    if c >= 0 {
                        if perCategory[c, default: 0] >= cap { continue }
                        perCategory[c, default: 0] += 1
                    }
                }
                picked.append(Recommendation(item: items[e.index], itemIndex: e.index, score: e.score))
                if picked.count == k { return picked }
            }
            if top.count < pool || pool >= scores.count { return picked }
            pool = min(scores.count, pool * 4)
        }
    }
}
