import AffinityData

extension TrainedModel {
    /// Explanations for `list`, in its order: from `recommend(user:…)`, the user's training history
    /// decomposed; from `recommendItems(items: cart, …)` (pass `user` nil), the cart's known items at
    /// weight 1 each, as the cart was scored. A popular-fallback list was scored from no history: its
    /// explanations are empty (total 0).
    public func explain(_ list: RecommendationList, user: String?, cart: [String] = [],
                        k: Int = 3) throws(RecommenderError) -> [ItemExplanation] {
        let none = list.items.map { ItemExplanation(itemIndex: $0.itemIndex, total: 0, because: []) }
        guard list.source == .model else { return none }
        let history: (items: [Int32], weights: [Float])
        if let user {
            guard let u = users.index(of: user) else { return none }
            history = trainedInteractions(user: u)
        } else {
            let known = CartQuery(cart, items: items, filter: RecommendationFilter()).known
            history = (known, [Float](repeating: 1, count: known.count))
        }
        return try explain(items: history.items, weights: history.weights, recommended: list.items.map(\.itemIndex), k: k)
    }
}
