import AffinityData
import AffinityProtocol
import AffinityRecommender

/// `RecommenderModel` over a loaded `EASEModel` (AffinityRecommender). EASE keeps no per-user state
/// beyond the history row: a user's scores are x_u·B with x_u the profile's summed weights, so there
/// is nothing to fold in, and a feedback event changes the user's next `recommend` as soon as the
/// store has added its weight (docs/EASE.md).
struct EASERecommenderModel: LoadedRecommender {
    let model: EASEModel
    let catalog: ItemCatalog?
    let info: RecommenderInfo

    init(model: EASEModel, path: String, catalog: ItemCatalog? = nil) {
        self.model = model
        self.catalog = catalog
        let h = model.header
        info = RecommenderInfo(
            version: RecommenderInfo.versionName(path: path, createdAt: h.createdAt), watermark: 0,
            userCount: h.users, itemCount: h.items, factorCount: 0,
            factorBytes: h.items * h.items * MemoryLayout<Float>.size,
            hyperparameters: ["kind": h.kind, "l2": "\(h.l2)", "weight_transform": h.transform.description, "inverse_precision": h.inversePrecision, "threads": "\(h.threads)",
                              "nnz": "\(h.nnz)"],
            trainedAt: h.createdAt, trainedThrough: h.trainingWatermark, eventWeights: h.eventWeights, hasCategories: catalog != nil,
            sampleUsers: RecommenderInfo.samples(model.users), sampleItems: RecommenderInfo.samples(model.items))
    }

    var items: IDMap { model.items }

    func trainedWeights(user: String) -> [(item: ItemIndex, weight: Float)] {
        guard let u = model.users.index(of: user) else { return [] }
        return model.userHistory(u).map { (item: $0.itemIndex, weight: $0.weight) }
    }

    /// EASE has no user factors.
    func trainedFactors(user: String) -> [Float]? { nil }

    /// The summed weights are the whole state: nothing to solve.
    func foldIn(_ profile: inout UserProfile) throws(RecommenderError) {}

    /// Each request scored alone: the profile's summed weights (by ascending item index, the order of a
    /// trained history) times B, else the trained user's history as stored; a user with neither gets the
    /// popular fallback. `exclude_seen` leaves out the history's items.
    func recommend(batch: [RecommendRequest]) -> [RecommendResult] {
        batch.map { request in
            let rules = request.filter.rules(excludeSeen: request.excludeSeen)
            let history: [(itemIndex: Int32, weight: Float)]
            if let profile = request.profile {
                let sorted = profile.sortedWeights()
                history = zip(sorted.items, sorted.weights).map { (itemIndex: $0.0, weight: $0.1) }
            } else if let u = request.trainedUser.flatMap({ model.users.index(of: $0) }) {
                history = model.userHistory(u)
            } else {
                history = []
            }
            guard !history.isEmpty else {
                return RecommendResult(model.recommendItems(items: [], k: request.k, filter: rules, catalog: catalog), version: version)
            }
            return RecommendResult(model: model.recommend(history: history, k: request.k, filter: rules, catalog: catalog), version: version)
        }
    }

    /// B's terms over the history `recommend` scored: the profile's sums, else the trained history.
    func explain(_ request: RecommendRequest, items: [ItemIndex], k: Int) throws(RecommenderError) -> [[BecauseItem]] {
        guard let history = request.scoredHistory(self, profileApplies: request.profile != nil) else {
            return items.map { _ in [] }
        }
        return model.explain(items: history.items, weights: history.weights, recommended: items, k: k).map(\.wire)
    }

    func recommendItems(_ items: [String], k: Int) -> RecommendResult {
        RecommendResult(model.recommendItems(items: items, k: k, catalog: catalog), version: version)
    }

    func similarItems(_ item: String, k: Int) -> RecommendResult {
        RecommendResult(model: (try? model.similarItems(item: item, k: k)) ?? [], version: version)
    }
}
