import AffinityData

/// The rules of "cart as query" that every model kind shares: the cart's known items (indices,
/// sorted, each once; unknown IDs ignored — callers that must refuse them call `requireKnownItems`
/// first) and the filter with every cart item excluded from the answer.
struct CartQuery {
    let known: [Int32]
    let rules: RecommendationFilter

    init(_ ids: [String], items: IDMap, filter: RecommendationFilter) {
        known = Array(Set(ids.compactMap { items.index(of: $0) })).sorted()
        var rules = filter
        rules.excludeItems += ids
        self.rules = rules
    }
}
