import AffinityData

extension EASEModel {
    /// Splits each recommended item's score x_u·B into its terms: score_i = Σ_j x_uj·B_ji, one per
    /// history item j (its weight after `header.transform` times B's entry from j to i), summed in Double. Negative feedback
    /// has a negative weight here, so its term is a real (usually negative) part of the score.
    ///
    /// - Parameters:
    ///   - items, weights: the history the score was computed from (as `scores(history:)` takes it).
    ///   - recommended: the item indices to explain.
    ///   - k: how many history items to keep per explanation.
    /// Cost O(n·m) for n history items and m recommended items.
    public func explain(items: [Int32], weights: [Float], recommended: [Int32], k: Int = 3) -> [ItemExplanation] {
        precondition(items.count == weights.count, "explain: \(items.count) items but \(weights.count) weights")
        let n = header.items
        for i in items + recommended { precondition(i >= 0 && Int(i) < n, "explain: item index \(i) out of 0..<\(n)") }
        let x = transformedWeights(items: items, weights: weights)
        return recommended.map { i in
            let terms = zip(items, x).map { j, w in Double(w) * Double(storage.weights[Int(j) * n + Int(i)]) }
            return ItemExplanation(itemIndex: i, history: items, contributions: terms, k: k, ids: self.items)
        }
    }
}
