import AffinityProtocol
import AffinityRecommender

extension Dispatcher {
    /// How many history items each explained item names (`because`).
    static let explainCount = 3

    /// `result` with every item's `because` filled in when `p.explain` is true (unchanged otherwise).
    /// Items of a popular fallback were scored from no history: their lists are empty. A failed
    /// decomposition is an internal error, logged with its reason.
    func explained(_ result: RecommendResult, _ p: RecommendParams, _ request: RecommendRequest,
                   _ model: any RecommenderModel) throws(ProtocolError) -> RecommendResult {
        guard p.explain == true else { return result }
        var out = result
        guard result.source == RecommendationSource.model.rawValue else {
            for n in out.items.indices { out.items[n].because = [] }
            return out
        }
        let indices = result.items.compactMap { model.itemIndex($0.item) }
        precondition(indices.count == result.items.count, "explain: the model's own result names an item it does not know")
        let lists: [[BecauseItem]]
        do {
            lists = try model.explain(request, items: indices, k: Self.explainCount)
        } catch {
            throw internalError("explain for user '\(p.user)' failed: \(error)")
        }
        for (n, list) in lists.enumerated() { out.items[n].because = list }
        return out
    }
}
