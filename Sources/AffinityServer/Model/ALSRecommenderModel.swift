import AffinityData
import AffinityProtocol
import AffinityRecommender
import Foundation

/// `RecommenderModel` over a loaded `ALSModel` (AffinityRecommender): a profile's state is the
/// user's factors, folded in by `ALSModel.foldIn(_:)` from the summed weights, so a fold-in of a
/// trained user's history reproduces their trained factors.
struct ALSRecommenderModel: RecommenderModel {
    let model: ALSModel
    let catalog: ItemCatalog?
    let info: RecommenderInfo

    init(model: ALSModel, path: String, catalog: ItemCatalog? = nil) {
        self.model = model
        self.catalog = catalog
        let h = model.header
        let samples = 100
        info = RecommenderInfo(
            version: "\((path as NSString).lastPathComponent)@\(h.createdAt)", watermark: h.trainingEventSequence ?? 0,
            userCount: h.users, itemCount: h.items, factorCount: h.factors,
            factorBytes: (h.users + h.items) * h.factors * MemoryLayout<Float>.size,
            hyperparameters: ["factors": "\(h.factors)", "iterations": "\(h.iterations)", "regularization": "\(h.regularization)",
                              "alpha": "\(h.alpha)", "solver": h.solver.rawValue, "seed": "\(h.seed)", "nnz": "\(h.nnz)"],
            trainedAt: h.createdAt, trainedThrough: h.trainingWatermark, eventWeights: h.eventWeights, hasCategories: catalog != nil,
            sampleUsers: (0..<Int32(min(samples, model.users.count))).map { model.users[$0] },
            sampleItems: (0..<Int32(min(samples, model.items.count))).map { model.items[$0] })
    }

    func itemIndex(_ item: String) -> ItemIndex? { model.items.index(of: item) }

    func itemID(_ index: ItemIndex) -> String { model.items[index] }

    func hasCategory(_ name: String) -> Bool { catalog?.categoryNames.contains(name) ?? false }

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
            var rules = RecommendationFilter(excludeSeen: true, excludeItems: Array(request.filter.excludeItems),
                                             categories: request.filter.categories.map(Array.init),
                                             excludeCategories: Array(request.filter.excludeCategories),
                                             maxPerCategory: request.filter.maxPerCategory)
            let trained = request.trainedUser.flatMap { model.users.index(of: $0) }
            // The profile's items are the training history (unless forgotten) and the online items;
            // without a profile the training history is read in place.
            var seen: [ItemIndex] = []
            if request.excludeSeen, let profile = request.profile {
                seen = Array(profile.weights.keys)
            } else if request.excludeSeen, let u = trained {
                seen = Array(model.userHistoryItems(u))
            }
            guard let factors = request.profile?.factors ?? trained.map({ Array(model.userFactors($0)) }),
                  factors.count == model.factors else {
                rules.excludeItems += seen.map { model.items[$0] }
                results[r] = result(model.recommendItems(items: [], k: request.k, filter: rules, catalog: catalog))
                continue
            }
            queries.append(RecommendQuery(factors: factors, seen: seen, k: request.k, filter: rules))
            positions.append(r)
        }
        for (r, list) in zip(positions, model.recommend(batch: queries, catalog: catalog)) {
            results[r] = RecommendResult(items: list.map { ScoredItem(item: $0.item, score: $0.score) }, source: "model",
                                         modelVersion: version)
        }
        return results.map { $0! }
    }

    func recommendItems(_ items: [String], k: Int) -> RecommendResult {
        result(model.recommendItems(items: items, k: k, catalog: catalog))
    }

    func similarItems(_ item: String, k: Int) -> RecommendResult {
        let list = (try? model.similarItems(item: item, k: k)) ?? []
        return RecommendResult(items: list.map { ScoredItem(item: $0.item, score: $0.score) }, source: "model", modelVersion: version)
    }

    private func result(_ list: RecommendationList) -> RecommendResult {
        RecommendResult(items: list.items.map { ScoredItem(item: $0.item, score: $0.score) }, source: list.source.rawValue,
                        modelVersion: version)
    }
}
