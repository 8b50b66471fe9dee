import AffinityProtocol
import AffinityRecommender
import AffinityServer

/// A small dense recommender for server tests: seeded item factors, a few trained users, a naive
/// implicit-ALS fold-in (normal equations solved by Gaussian elimination), and scores by dot product.
/// It stands in for `AffinityRecommender`'s model so server tests exercise the dispatcher alone.
struct DenseTestModel: RecommenderModel {
    let items: [String]
    let itemFactors: [[Float]]
    let users: [String: [Interaction]]
    let factorCount: Int
    let lambda: Float = 0.1
    let alpha: Float = 10
    let info: RecommenderInfo

    init(items n: Int = 40, factors f: Int = 4, seed: UInt64 = 7, version: String = "test-1", watermark: UInt64 = 0) {
        var state = seed
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        items = (0..<n).map { "i\($0)" }
        itemFactors = (0..<n).map { _ in (0..<f).map { _ in next() } }
        users = ["alice": [Interaction(item: "i1", weight: 2), Interaction(item: "i2", weight: 1)],
                 "bob": [Interaction(item: "i3", weight: 1)]]
        factorCount = f
        info = RecommenderInfo(version: version, watermark: watermark, userCount: users.count, itemCount: n, factorCount: f,
                               factorBytes: (n + users.count) * f * 4, hyperparameters: ["factors": "\(f)", "alpha": "\(alpha)"],
                               trainedAt: "2026-01-01T00:00:00Z", trainedThrough: 1_767_225_600,
                               eventWeights: ["view": 0.5, "click": 1, "cart_add": 4, "purchase": 8], hasCategories: true,
                               sampleUsers: users.keys.sorted(), sampleItems: items)
    }

    func index(_ item: String) -> Int? {
        guard item.first == "i", let i = Int(item.dropFirst()), i >= 0, i < items.count else { return nil }
        return i
    }

    func itemIndex(_ item: String) -> ItemIndex? { index(item).map(ItemIndex.init) }
    func itemID(_ index: ItemIndex) -> String { items[Int(index)] }
    /// Item `i<n>` is in category `c<n % 3>`.
    func hasCategory(_ name: String) -> Bool { ["c0", "c1", "c2"].contains(name) }
    func trainedFactors(user: String) -> [Float]? { users[user].map(foldIn) }

    func trainedWeights(user: String) -> [(item: ItemIndex, weight: Float)] {
        (users[user] ?? []).compactMap { x in itemIndex(x.item).map { (item: $0, weight: x.weight) } }
    }

    /// The reference fold-in over external ids: sums duplicate items first (in order), as training
    /// does, then solves.
    func foldIn(_ interactions: [Interaction]) -> [Float] {
        var summed: [Int: Float] = [:]
        for x in interactions { if let i = index(x.item) { summed[i, default: 0] += x.weight } }
        let sorted = summed.keys.sorted()
        return solve(items: sorted, weights: sorted.map { summed[$0]! })
    }

    /// Fails like the ALS fold-in on a non-finite weight, so tests can see a failed solve surface.
    func foldIn(_ profile: inout UserProfile) throws(RecommenderError) {
        let (items, weights) = profile.sortedWeights()
        if let bad = weights.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "the fold-in weight of item '\(itemID(items[bad]))'", fix: "send finite weights")
        }
        profile.setFactors(solve(items: items.map(Int.init), weights: weights))
    }

    /// Solves the user's normal equations A·x = b; with `rhs`, A·z = rhs instead (for `explain`).
    private func solve(items: [Int], weights: [Float], rhs: [Float]? = nil) -> [Float] {
        let f = factorCount
        var a = [[Float]](repeating: [Float](repeating: 0, count: f + 1), count: f)
        for r in 0..<f { a[r][r] = lambda }
        for y in itemFactors { for r in 0..<f { for c in 0..<f { a[r][c] += y[r] * y[c] } } }
        for (i, w) in zip(items, weights) {
            let y = itemFactors[i], conf = alpha * w
            for r in 0..<f {
                for c in 0..<f { a[r][c] += conf * y[r] * y[c] }
                a[r][f] += (1 + conf) * y[r]
            }
        }
        if let rhs { for r in 0..<f { a[r][f] = rhs[r] } }
        for p in 0..<f {
            for r in (p + 1)..<f {
                let m = a[r][p] / a[p][p]
                for c in p...f { a[r][c] -= m * a[p][c] }
            }
        }
        var x = [Float](repeating: 0, count: f)
        for r in stride(from: f - 1, through: 0, by: -1) {
            var s = a[r][f]
            for c in (r + 1)..<f { s -= a[r][c] * x[c] }
            x[r] = s / a[r][r]
        }
        return x
    }

    func top(_ scores: [Float], exclude: Set<String>, k: Int, filter: RecommendFilter = RecommendFilter()) -> [ScoredItem] {
        var perCategory: [String: Int] = [:]
        var out: [ScoredItem] = []
        for i in scores.indices.sorted(by: { (scores[$0], $1) > (scores[$1], $0) }) {
            let item = items[i], category = "c\(i % 3)"
            if exclude.contains(item) || filter.excludeItems.contains(item) || filter.excludeCategories.contains(category) { continue }
            if let cats = filter.categories, !cats.contains(category) { continue }
            if let m = filter.maxPerCategory, perCategory[category, default: 0] >= m { continue }
            perCategory[category, default: 0] += 1
            out.append(ScoredItem(item: item, score: scores[i]))
            if out.count == k { break }
        }
        return out
    }

    func scores(_ x: [Float]) -> [Float] { itemFactors.map { y in zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } } }

    func recommend(factors: [Float]?, historyOf user: String?, exclude: Set<String>, k: Int, filter: RecommendFilter) -> RecommendResult {
        let exclude = exclude.union((user.flatMap { users[$0] } ?? []).map(\.item))
        guard let factors else {
            let popularity = (0..<items.count).map { Float(items.count - $0) }
            return RecommendResult(items: top(popularity, exclude: exclude, k: k, filter: filter), source: "popular_fallback", modelVersion: version)
        }
        return RecommendResult(items: top(scores(factors), exclude: exclude, k: k, filter: filter), source: "model", modelVersion: version)
    }

    /// Each request alone: the profile's items (else the trained history) are seen.
    func recommend(batch: [RecommendRequest]) -> [RecommendResult] {
        batch.map { r in
            let seen = r.excludeSeen ? Set((r.profile?.weights.keys).map { $0.map(itemID) } ?? []) : []
            let history = r.excludeSeen && r.profile == nil ? r.trainedUser : nil
            return recommend(factors: r.profile?.factors ?? r.trainedUser.flatMap(trainedFactors), historyOf: history,
                             exclude: seen, k: r.k, filter: r.filter)
        }
    }

    /// Term j of score_i = y_iᵀA⁻¹b is (1 + α·w_j)·y_iᵀA⁻¹y_j, over the history the request was scored from.
    func explain(_ request: RecommendRequest, items: [ItemIndex], k: Int) throws(RecommenderError) -> [[BecauseItem]] {
        var summed: [Int: Float] = [:]
        if let profile = request.profile, profile.factors != nil {
            for (i, w) in profile.weights { summed[Int(i)] = w }
        } else {
            for x in request.trainedUser.flatMap({ users[$0] }) ?? [] { if let i = index(x.item) { summed[i, default: 0] += x.weight } }
        }
        let history = summed.keys.sorted()
        return items.map { i in
            let z = solve(items: history, weights: history.map { summed[$0]! }, rhs: itemFactors[Int(i)])
            let terms = history.map { j in (1 + alpha * summed[j]!) * zip(itemFactors[j], z).reduce(0) { $0 + $1.0 * $1.1 } }
            let total = terms.reduce(0, +)
            return history.indices.sorted { terms[$0] > terms[$1] }.prefix(k).map {
                BecauseItem(item: self.items[history[$0]], share: terms[$0] / total, contribution: terms[$0])
            }
        }
    }

    func recommendItems(_ items: [String], k: Int) -> RecommendResult {
        let x = foldIn(items.map { Interaction(item: $0, weight: 1) })
        return RecommendResult(items: top(scores(x), exclude: Set(items), k: k), source: "model", modelVersion: version)
    }

    func similarItems(_ item: String, k: Int) -> RecommendResult {
        let y = itemFactors[index(item)!]
        return RecommendResult(items: top(scores(y), exclude: [item], k: k), source: "model", modelVersion: version)
    }
}

/// A churn stand-in: probability from `days_since_last_order` (a number) by a fixed logistic curve.
struct TestChurnModel: ChurnScoring {
    struct BadFeature: Error, CustomStringConvertible { let description: String }
    let version = "churn-test-1"

    func score(customer: [String: String]) throws -> ChurnResult {
        guard let text = customer["days_since_last_order"], let days = Double(text) else {
            throw BadFeature(description: "feature 'days_since_last_order' must be a number")
        }
        let z = (days - 60) / 20
        let p = 1 / (1 + Foundation.exp(-z))
        return ChurnResult(probability: p, tier: p > 0.7 ? "high" : (p > 0.3 ? "medium" : "low"),
                           reasons: [ChurnReason(feature: "days_since_last_order", value: text, contribution: z)])
    }
}

/// Loads `DenseTestModel`s from "files": the path's name picks the version; a path containing
/// "corrupt" is refused the way a damaged model file would be.
struct TestModelLoader: ModelLoading {
    struct Refused: Error, CustomStringConvertible { let description: String }

    func loadRecommender(path: String) throws -> any RecommenderModel {
        if path.contains("corrupt") { throw Refused(description: "checksum mismatch in \(path)") }
        let watermark = UInt64(path.split(separator: "@").last.flatMap { UInt64($0) } ?? 0)
        // "model-items=100": a catalogue of 100 items (i0…i99) instead of 40.
        let items = path.firstMatch(of: /items=(\d+)/).flatMap { Int($0.1) } ?? 40
        return DenseTestModel(items: items, version: path, watermark: watermark)
    }

    func loadChurn(path: String) throws -> any ChurnScoring { TestChurnModel() }
}

import Foundation
