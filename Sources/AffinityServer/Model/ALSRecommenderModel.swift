import AffinityData
import AffinityProtocol
import AffinityRecommender
import Foundation

/// `RecommenderModel` over a loaded `ALSModel` (AffinityRecommender). Fold-in sums duplicate
/// items first, as training sums duplicate (user, item) rows, so a fold-in of a trained user's history
/// reproduces their trained factors.
struct ALSRecommenderModel: RecommenderModel {
    let model: ALSModel
    let catalog: ItemCatalog?
    let version: String

    init(model: ALSModel, path: String, catalog: ItemCatalog? = nil) {
        self.model = model
        self.catalog = catalog
        version = "\((path as NSString).lastPathComponent)@\(model.header.createdAt)"
    }

    var watermark: UInt64 { model.header.trainingEventSequence ?? 0 }
    var trainedThrough: Int64? { model.header.trainingWatermark }
    var userCount: Int { model.header.users }
    var itemCount: Int { model.header.items }
    var factorCount: Int { model.header.factors }
    var factorBytes: Int { (model.header.users + model.header.items) * model.header.factors * MemoryLayout<Float>.size }
    var trainedAt: String? { model.header.createdAt }
    var eventWeights: [String: Float] { model.header.eventWeights }
    var hasCategories: Bool { catalog != nil }
    func hasCategory(_ name: String) -> Bool { catalog?.categoryNames.contains(name) ?? false }
    var hyperparameters: [String: String] {
        let h = model.header
        return ["factors": "\(h.factors)", "iterations": "\(h.iterations)", "regularization": "\(h.regularization)",
                "alpha": "\(h.alpha)", "solver": h.solver, "seed": "\(h.seed)", "nnz": "\(h.nnz)"]
    }

    func hasItem(_ item: String) -> Bool { model.items.index(of: item) != nil }

    func sampleIDs(limit: Int) -> (users: [String], items: [String]) {
        ((0..<Int32(min(limit, model.users.count))).map { model.users[$0] }, (0..<Int32(min(limit, model.items.count))).map { model.items[$0] })
    }

    func trainedFactors(user: String) -> [Float]? {
        model.users.index(of: user).map { Array(model.userFactors($0)) }
    }

    func itemIndex(_ item: String) -> Int32? { model.items.index(of: item) }

    func trainedWeights(user: String) -> [(item: Int32, weight: Float)] {
        guard let u = model.users.index(of: user) else { return [] }
        let h = model.userHistory(u)
        return zip(h.items, h.weights).map { (item: $0.0, weight: $0.1) }
    }

    func foldIn(summedWeights: [Int32: Float]) -> [Float] { solve(summedWeights) }

    func trainedHistory(user: String) -> [Interaction] {
        guard let u = model.users.index(of: user) else { return [] }
        let h = model.userHistory(u)
        return zip(h.items, h.weights).map { Interaction(item: model.items[$0.0], weight: $0.1) }
    }

    func foldIn(_ interactions: [Interaction]) -> [Float] {
        var summed: [Int32: Float] = [:]
        for x in interactions { if let i = model.items.index(of: x.item) { summed[i, default: 0] += x.weight } }
        return solve(summed)
    }

    /// Training history read by item index (no external IDs), then the online events, summed in
    /// that order as `foldIn(trainedHistory(user) + online)` does.
    func foldIn(historyOf user: String?, plus online: [Interaction]) -> [Float] {
        var summed: [Int32: Float] = [:]
        if let user, let u = model.users.index(of: user) {
            let h = model.userHistory(u)
            for (i, w) in zip(h.items, h.weights) { summed[i, default: 0] += w }
        }
        for x in online { if let i = model.items.index(of: x.item) { summed[i, default: 0] += x.weight } }
        return solve(summed)
    }

    private func solve(_ summed: [Int32: Float]) -> [Float] {
        let items = summed.keys.sorted()
        var x: [Float] = []
        do {
            try model.foldIn(items: items, weights: items.map { summed[$0]! }, into: &x)
        } catch {
            // Weights are validated finite and the Gram matrix carries +λI, so this is not reached on valid input.
            return [Float](repeating: 0, count: model.factors)
        }
        return x
    }

    func recommend(factors: [Float]?, historyOf user: String?, exclude: Set<String>, k: Int, filter: RecommendFilter) -> RecommendResult {
        recommend(batch: [RecommendRequest(factors: factors, historyOf: user, exclude: exclude, k: k, filter: filter)])[0]
    }

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
            // Online and explicit exclusions first, then the training history (read in place).
            var seen = request.exclude.compactMap { model.items.index(of: $0) }
            if let u = request.historyOf.flatMap({ model.users.index(of: $0) }) { seen += model.userHistoryItems(u) }
            guard let factors = request.factors, factors.count == model.factors else {
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
