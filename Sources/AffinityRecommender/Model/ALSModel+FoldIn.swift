import AffinityData
import AffinityNumerics

extension ALSModel {
    /// Recomputes one user's factors exactly from their interactions, against the fixed item
    /// factors: the same least-squares routine as training, with the Cholesky solver, the
    /// model's λ, regularization scaling, α and confidence convention.
    ///
    /// - Parameters:
    ///   - items: item indices of the user's interactions (distinct; for duplicates sum the
    ///     weights first, as training does).
    ///   - weights: the summed weight per item (e.g. event weights from `header.eventWeights`),
    ///     untransformed: the solve applies `header.transform` to them first, as training did
    ///     to each user's row (`transformedWeights(items:weights:)`; allocates one copy then).
    ///   - x: receives the f factors (resized when its count differs).
    ///   - scratch: per-thread working memory; nil takes one from the model's pool. Either way
    ///     the call allocates no scratch after the first calls. Cost O(n·f² + f³/3) for n interactions.
    /// - Throws: `.invalidInput` for an out-of-range item or non-finite weight, and
    ///   `.notPositiveDefinite` when the system is singular (only possible with λ = 0).
    public func foldIn(items: [ItemIndex], weights: [Float], into x: inout [Float],
                       scratch: LeastSquaresScratch? = nil) throws(RecommenderError) {
        guard let work = scratch else {
            return try foldInScratch.withScratch(rows: items.count) { (work) throws(RecommenderError) in
                try foldIn(items: items, weights: weights, into: &x, scratch: work)
            }
        }
        try checkHistory(items: items, weights: weights, of: "foldIn")
        let f = factors
        precondition(work.factors == f, "foldIn: scratch is for \(work.factors) factors; the model has \(f)")
        if x.count != f { x = [Float](repeating: 0, count: f) }
        let info = withFoldInSystem(items: items, weights: weights) { fixed, confidence, idx, w in
            x.withUnsafeMutableBufferPointer { xb in
                LeastSquares.solve(indices: idx, weights: w, count: items.count, fixed: fixed, confidence: confidence,
                                   solver: .cholesky, x: xb.baseAddress!, scratch: work)
            }
        }
        if info != 0 { throw .notPositiveDefinite(side: "fold-in user", row: 0, id: "(folded-in)") }
    }

    /// The weights a solve uses for one user's summed `weights` on `items`: `header.transform`
    /// applied with the training matrix's statistics (the identity for `none`). Explanations of
    /// a score go through these, as the factors do.
    public func transformedWeights(items: [ItemIndex], weights: [Float]) -> [Float] {
        header.transform.applied(items: items, weights: weights, stats: transformStats)
    }

    /// Throws `.invalidInput` for an item index outside the model and `.nonFinite` for a weight that
    /// is NaN or infinite; `caller` names the call in the message.
    func checkHistory(items: [ItemIndex], weights: [Float], of caller: String) throws(RecommenderError) {
        precondition(items.count == weights.count, "\(caller): \(items.count) items but \(weights.count) weights")
        for (i, w) in zip(items, weights) {
            guard i >= 0, Int(i) < header.items else { throw .invalidInput("\(caller): item index \(i) is out of 0..<\(header.items)") }
            guard w.isFinite else { throw .nonFinite(what: "the fold-in weight of item '\(self.items[i])'", fix: "send finite weights") }
        }
    }

    /// Calls `body` with the fold-in's fixed side (item factors, YᵀY + λI, the per-interaction λ of
    /// frequency scaling), the model's confidence and base pointers of `items` and `weights`: what
    /// every user-side solve of this model (fold-in, explanations) is set up from. `weights` are the
    /// untransformed sums: `body` gets them after `header.transform` (`transformedWeights`).
    func withFoldInSystem<R>(items: [ItemIndex], weights: [Float],
                             _ body: (LeastSquares.Fixed, Confidence, UnsafePointer<Int32>, UnsafePointer<Float>) -> R) -> R {
        let confidence = Confidence(alpha: header.alpha, convention: header.confidence)
        let solved = header.transform.isIdentity ? weights : transformedWeights(items: items, weights: weights)
        return itemGram.withUnsafeBufferPointer { gram in
            items.withUnsafeBufferPointer { idx in
                solved.withUnsafeBufferPointer { w in
                    body(.init(factors: storage.itemFactors, rows: header.items, f: factors, gram: gram.baseAddress!,
                               perInteraction: header.scaling.perInteraction(header.regularization)),
                         confidence, idx.baseAddress ?? UnsafePointer(bitPattern: 8)!, w.baseAddress ?? UnsafePointer(bitPattern: 8)!)
                }
            }
        }
    }

    /// The fold-in of an online user: solves `profile`'s factors from its summed weights (by
    /// ascending item index, as `foldIn(items:weights:into:scratch:)`) and stores them in it.
    /// On error the profile keeps its previous factors.
    ///
    /// - Throws: as `foldIn(items:weights:into:scratch:)`: `.invalidInput` for an item outside
    ///   the model, `.nonFinite` for a weight that is NaN or infinite, `.notPositiveDefinite`.
    public func foldIn(_ profile: inout UserProfile) throws(RecommenderError) {
        let (items, weights) = profile.sortedWeights()
        var x: [Float] = []
        try foldIn(items: items, weights: weights, into: &x)
        profile.setFactors(x)
    }

    /// "Shoppers with these in the cart…": folds in a temporary user from `items` (external
    /// IDs, weight 1 each, unknown ones ignored: call `requireKnownItems` first
    /// to refuse them) and recommends for it, excluding the given
    /// items. With no known item it falls back to popular items.
    public func recommendItems(items ids: [String], k: Int = 10, filter: RecommendationFilter = RecommendationFilter(),
                               catalog: ItemCatalog? = nil) -> RecommendationList {
        let cart = CartQuery(ids, items: items, filter: filter)
        var x: [Float] = []
        // No known item, or a solve that fails: the popular fallback.
        guard !cart.known.isEmpty,
              (try? foldIn(items: cart.known, weights: [Float](repeating: 1, count: cart.known.count), into: &x)) != nil else {
            return RecommendationList(items: popular(k: k, filter: cart.rules, catalog: catalog), source: .popularFallback)
        }
        let list = x.withUnsafeBufferPointer { recommend(factors: $0, seen: cart.known, k: k, filter: cart.rules, catalog: catalog) }
        return RecommendationList(items: list, source: .model)
    }

    /// The `k` items most similar to `item` by cosine of their factors (itself excluded).
    public func similarItems(item id: String, k: Int = 10) throws(RecommenderError) -> [Recommendation] {
        guard let i = items.index(of: id) else { throw .unknownItem(id) }
        let n = header.items, f = factors
        var scores = [Float](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { s in
            BLAS.gemv(.none, alpha: 1, MatrixView(base: storage.itemFactors, rows: n, cols: f),
                      storage.itemFactors + Int(i) * f, beta: 0, s.baseAddress!)
        }
        // Cosine = dot / (|y_j| |y_i|), without keeping a normalized copy of the item factors.
        let own = itemNorms[Int(i)]
        for j in 0..<n { scores[j] = own > 0 && itemNorms[j] > 0 ? scores[j] / (itemNorms[j] * own) : 0 }
        scores[Int(i)] = .nan
        return TopK.select(scores, k: k).map { Recommendation(item: items[$0.index], itemIndex: $0.index, score: $0.score) }
    }
}
