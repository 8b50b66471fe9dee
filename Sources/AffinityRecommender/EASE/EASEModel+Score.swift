import AffinityData
import AffinityNumerics

extension EASEModel {
    /// Every item's score x·B for a history of (item index, summed weight) pairs: the sum of the B
    /// rows of the history's items, each weighted by its weight after `header.transform`. Without a
    /// transform repeated items simply add up; with one, pass each item once with its sum (the
    /// transform reshapes sums). Cost |history|·items.
    public func scores(history: [(itemIndex: Int32, weight: Float)]) -> [Float] {
        var s = [Float](repeating: 0, count: header.items)
        s.withUnsafeMutableBufferPointer { accumulate(history, into: $0.baseAddress!) }
        return s
    }

    /// Adds x·B for `history` into `out` (items Floats); allocation-free without a transform.
    public func accumulate(_ history: [(itemIndex: Int32, weight: Float)], into out: UnsafeMutablePointer<Float>) {
        let n = header.items
        let x = header.transform.isIdentity ? nil : transformedWeights(items: history.map(\.itemIndex), weights: history.map(\.weight))
        for (k, (i, w)) in history.enumerated() {
            precondition(i >= 0 && Int(i) < n, "scores: item index \(i) out of 0..<\(n)")
            BLAS.axpy(n, alpha: x?[k] ?? w, storage.weights + Int(i) * n, out)
        }
    }

    /// The weights x holds for one user's summed `weights` on `items`: `header.transform` applied
    /// with the training matrix's statistics (the identity for `none`), as in training.
    public func transformedWeights(items: [Int32], weights: [Float]) -> [Float] {
        header.transform.applied(items: items, weights: weights, stats: transformStats)
    }

    /// Top-`k` items for a history of (item index, weight) pairs, its items with a positive weight
    /// left out when `filter.excludeSeen` is on (an item with only negative feedback stays a
    /// candidate). Uses `TopK` through `RecommendationFilter.select`.
    public func recommend(history: [(itemIndex: Int32, weight: Float)], k: Int,
                          filter: RecommendationFilter = RecommendationFilter(), catalog: ItemCatalog? = nil) -> [Recommendation] {
        var s = scores(history: history)
        if filter.excludeSeen { for (i, w) in history where w > 0 { s[Int(i)] = .nan } }
        return filter.select(scores: &s, k: k, items: items, catalog: catalog)
    }

    /// Top-`k` items for an external user ID from the user's training history. Unknown users get
    /// the most popular items that pass the filter, with `source == .popularFallback`.
    public func recommend(user: String, k: Int = 10, filter: RecommendationFilter = RecommendationFilter(),
                          catalog: ItemCatalog? = nil) -> RecommendationList {
        guard let u = users.index(of: user) else {
            return RecommendationList(items: popular(k: k, filter: filter, catalog: catalog), source: .popularFallback)
        }
        return RecommendationList(items: recommend(history: userHistory(u), k: k, filter: filter, catalog: catalog), source: .model)
    }

    /// Cart as query: the cart's items, each with weight 1, form the history row; the cart's
    /// items are never recommended. A cart of unknown items gets popular items.
    public func recommendItems(items ids: [String], k: Int = 10, filter: RecommendationFilter = RecommendationFilter(),
                               catalog: ItemCatalog? = nil) -> RecommendationList {
        let cart = CartQuery(ids, items: items, filter: filter)
        guard !cart.known.isEmpty else {
            return RecommendationList(items: popular(k: k, filter: cart.rules, catalog: catalog), source: .popularFallback)
        }
        let list = recommend(history: cart.known.map { ($0, 1) }, k: k, filter: cart.rules, catalog: catalog)
        return RecommendationList(items: list, source: .model)
    }

    /// The `k` items that `item` alone scores highest: row `item` of B, i.e. what a cart holding
    /// only that item gets. (B is not symmetric: B[i][j] = −P[i][j]/P[j][j] says how well i
    /// predicts j.) The item itself is left out.
    public func similarItems(item id: String, k: Int = 10) throws(RecommenderError) -> [Recommendation] {
        guard let i = items.index(of: id) else { throw .unknownItem(id) }
        var s = Array(weights(item: i))
        s[Int(i)] = .nan
        return RecommendationFilter(excludeSeen: false).select(scores: &s, k: k, items: items, catalog: nil)
    }

    /// The most popular items passing `filter` (scores are user counts).
    func popular(k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> [Recommendation] {
        var scores = popularity
        return filter.select(scores: &scores, k: k, items: items, catalog: catalog)
    }
}
