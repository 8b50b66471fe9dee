import AffinityData
import AffinityProtocol
import AffinityRecommender
import Foundation

/// `RecommenderModel` over a loaded `ALSModel` (AffinityRecommender): a profile's state is the
/// user's factors, folded in by `ALSModel.foldIn(_:)` from the summed weights, so a fold-in of a
/// trained user's history reproduces their trained factors.
struct ALSRecommenderModel: LoadedRecommender {
    let model: ALSModel
    let catalog: ItemCatalog?
    let info: RecommenderInfo

    init(model: ALSModel, path: String, catalog: ItemCatalog? = nil) {
        self.model = model
        self.catalog = catalog
        let h = model.header
        info = RecommenderInfo(
            version: RecommenderInfo.versionName(path: path, createdAt: h.createdAt), watermark: h.trainingEventSequence ?? 0,
            userCount: h.users, itemCount: h.items, factorCount: h.factors,
            factorBytes: (h.users + h.items) * h.factors * MemoryLayout<Float>.size,
            hyperparameters: ["factors": "\(h.factors)", "iterations": "\(h.iterations)", "regularization": "\(h.regularization)",
                              "alpha": "\(h.alpha)", "solver": h.solver.rawValue, "seed": "\(h.seed)", "nnz": "\(h.nnz)",
                              "regularization_scaling": h.scaling.rawValue, "confidence": h.confidence.rawValue],
            trainedAt: h.createdAt, trainedThrough: h.trainingWatermark, eventWeights: h.eventWeights, hasCategories: catalog != nil,
            sampleUsers: RecommenderInfo.samples(model.users), sampleItems: RecommenderInfo.samples(model.items))
    }

    var items: IDMap { model.items }

    func trainedWeights(user: String) -> [(item: ItemIndex, weight: Float)] {
        guard let u = model.users.index(of: user) else { return [] }
        let h = model.userHistory(u)
        return zip(h.items, h.weights).map { (item: $0.0, weight: $0.1) }
    }

    func trainedFactors(user: String) -> [Float]? {
        model.users.index(of: user).map { Array(model.userFactors($0)) }
    }

    func foldIn(_ profile: inout UserProfile) throws(RecommenderError) { try model.foldIn(&profile) }

    /// Scores every request that has factors in one `ALSModel.recommend(batch:catalog:)` call (a
    /// batch of one is the single request); users without factors get the popular fallback.
    func recommend(batch: [RecommendRequest]) -> [RecommendResult] {
        var results = [RecommendResult?](repeating: nil, count: batch.count)
        var queries: [RecommendQuery] = []
        var positions: [Int] = []
        for (r, request) in batch.enumerated() {
            var rules = request.filter.rules(excludeSeen: true)
            let trained = request.trainedUser.flatMap { model.users.index(of: $0) }
            // The profile's items are the training history (unless forgotten) and the online items;
            // without a profile the training history is read in place.
            var seen: [ItemIndex] = []
            if request.excludeSeen, let profile = request.profile {
                seen = profile.interactedItems
            } else if request.excludeSeen, let u = trained {
                seen = Array(model.userHistoryItems(u))
            }
            guard let factors = request.profile?.factors ?? trained.map({ Array(model.userFactors($0)) }),
                  factors.count == model.factors else {
                rules.excludeItems += seen.map { model.items[$0] }
                results[r] = RecommendResult(model.recommendItems(items: [], k: request.k, filter: rules, catalog: catalog), version: version)
                continue
            }
            queries.append(RecommendQuery(factors: factors, seen: seen, k: request.k, filter: rules))
            positions.append(r)
        }
        for (r, list) in zip(positions, model.recommend(batch: queries, catalog: catalog)) {
            results[r] = RecommendResult(model: list, version: version)
        }
        return results.map { $0! }
    }

    /// The fold-in of the history behind the factors `recommend` used: the profile's sums when it has
    /// factors, else the trained history (whose fold-in is the stored factors; docs/EXPLAIN.md).
    func explain(_ request: RecommendRequest, items: [ItemIndex], k: Int) throws(RecommenderError) -> [[BecauseItem]] {
        guard let history = request.scoredHistory(self, profileApplies: request.profile?.factors != nil) else {
            return items.map { _ in [] }
        }
        return try model.explain(items: history.items, weights: history.weights, recommended: items, k: k).map(\.wire)
    }

    func recommendItems(_ items: [String], k: Int) -> RecommendResult {
        RecommendResult(model.recommendItems(items: items, k: k, catalog: catalog), version: version)
    }

    func similarItems(_ item: String, k: Int) -> RecommendResult {
        let list = (try? model.similarItems(item: item, k: k)) ?? []
        return RecommendResult(model: list, version: version)
    }
}
