public import AffinityData
public import Foundation

/// What the CLI needs from any kind of trained recommender (ALS, EASE), so commands load a
/// model file without caring about its kind. Serving has its own protocol in AffinityServer.
public protocol TrainedModel: Sendable {
    /// The model's kind (as in the header's `kind` field).
    var kind: ModelKind { get }
    var users: IDMap { get }
    var items: IDMap { get }
    /// The header as JSON (snake_case keys, as stored in the model file).
    func headerJSON() throws -> Data
    /// Top-`k` for an external user ID; unknown users get popular items (`.popularFallback`).
    func recommend(user: String, k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> RecommendationList
    /// Cart as query: top-`k` for a list of external item IDs.
    func recommendItems(items: [String], k: Int, filter: RecommendationFilter, catalog: ItemCatalog?) -> RecommendationList
    /// The `k` items most similar to `item` (the kind's own notion; see each model).
    func similarItems(item: String, k: Int) throws(RecommenderError) -> [Recommendation]
    /// Writes the model's arrays and IDs for numpy; returns the paths written.
    func export(to directory: String) throws(RecommenderError) -> [String]
    /// Top-`k` item indices for known user indices with `exclude[u]` left out (evaluation).
    func topK(users: [Int32], k: Int, exclude: [Set<Int32>], threads: Int) -> [[Int32]]
    /// Whether user `u` interacted with item `i` in training.
    func hasSeen(user u: Int32, item i: Int32) -> Bool
    /// A known user's training interactions: item indices (sorted) and summed weights.
    func trainedInteractions(user u: Int32) -> (items: [Int32], weights: [Float])
    /// Each of `recommended` split into one term per history item, the `k` largest kept (docs/EXPLAIN.md).
    func explain(items: [Int32], weights: [Float], recommended: [Int32], k: Int) throws(RecommenderError) -> [ItemExplanation]
    /// Writes the model file to `path` (temp file + rename).
    func save(to path: String) throws(RecommenderError)
}

extension TrainedModel {
    /// Throws `RecommenderError.unknownItems` naming every ID in `ids` the model does not know
    /// (each once, in the order given), the rule of `affinity recommend --items` and the server's
    /// `recommend_items`: a cart with an unknown item is an error, not silently shortened.
    public func requireKnownItems(_ ids: [String]) throws(RecommenderError) {
        var seen = Set<String>()
        let unknown = ids.filter { items.index(of: $0) == nil && seen.insert($0).inserted }
        if !unknown.isEmpty { throw .unknownItems(unknown) }
    }
}

extension ALSModel: TrainedModel {
    public var kind: ModelKind { .als }
    public func headerJSON() throws -> Data { try JSONEncoder().encode(header) }
    public func topK(users list: [Int32], k: Int, exclude: [Set<Int32>], threads: Int) -> [[Int32]] {
        BatchScorer.topK(model: self, users: list, k: k, exclude: exclude, threads: threads)
    }
    public func trainedInteractions(user u: Int32) -> (items: [Int32], weights: [Float]) { userHistory(u) }
}

extension EASEModel: TrainedModel {
    public var kind: ModelKind { .ease }
    public func headerJSON() throws -> Data { try JSONEncoder().encode(header) }
    public func trainedInteractions(user u: Int32) -> (items: [Int32], weights: [Float]) {
        let h = userHistory(u)
        return (h.map(\.itemIndex), h.map(\.weight))
    }
}

extension ModelKind {
    /// Loads the model file at `path` as whatever kind it is. A file that is no known kind gets
    /// the ALS loader's error (missing file, bad magic, …).
    public static func load(path: String) throws(RecommenderError) -> any TrainedModel {
        if detect(path: path) == .ease { return try EASEModel.load(path: path) }
        return try ALSModel.load(path: path)
    }
}
