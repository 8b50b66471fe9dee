public import AffinityProtocol

/// Filters of a `recommend` request, with item ids already checked.
public struct RecommendFilter: Sendable, Equatable {
    public var categories: Set<String>?
    public var excludeCategories: Set<String>
    public var excludeItems: Set<String>
    public var maxPerCategory: Int?

    public init(categories: Set<String>? = nil, excludeCategories: Set<String> = [], excludeItems: Set<String> = [],
                maxPerCategory: Int? = nil) {
        self.categories = categories
        self.excludeCategories = excludeCategories
        self.excludeItems = excludeItems
        self.maxPerCategory = maxPerCategory
    }
}

/// One `recommend` after the user store was read: the arguments of
/// `RecommenderModel.recommend(factors:historyOf:exclude:k:filter:)`, for a batch.
public struct RecommendRequest: Sendable {
    public var factors: [Float]?
    public var historyOf: String?
    public var exclude: Set<String>
    public var k: Int
    public var filter: RecommendFilter

    public init(factors: [Float]?, historyOf: String?, exclude: Set<String>, k: Int, filter: RecommendFilter) {
        self.factors = factors
        self.historyOf = historyOf
        self.exclude = exclude
        self.k = k
        self.filter = filter
    }
}

/// One interaction used by fold-in: an item and its confidence weight.
public struct Interaction: Sendable, Equatable {
    public var item: String
    public var weight: Float
    public init(item: String, weight: Float) { self.item = item; self.weight = weight }
}

/// What the server needs from a loaded recommender model. Immutable and thread-safe; the adapter
/// over `AffinityRecommender`'s model implements it, and tests use a small dense stand-in.
public protocol RecommenderModel: Sendable {
    var version: String { get }
    /// The highest event-log sequence number included in training (0 when trained from files only).
    var watermark: UInt64 { get }
    /// The latest interaction timestamp (Unix seconds) in the training data, nil when unknown.
    var trainedThrough: Int64? { get }
    var userCount: Int { get }
    var itemCount: Int { get }
    var factorCount: Int { get }
    /// Bytes of factor data (users + items), for `model_info` and the memory budget.
    var factorBytes: Int { get }
    var hyperparameters: [String: String] { get }
    var trainedAt: String? { get }
    /// Confidence weight per event type, stored with the model.
    var eventWeights: [String: Float] { get }

    func hasItem(_ item: String) -> Bool
    /// True when the model knows item categories (for `categories`, `exclude_categories`, `max_per_category`).
    var hasCategories: Bool { get }
    /// True when some item of the catalog has this category.
    func hasCategory(_ name: String) -> Bool
    /// Up to `limit` user ids and item ids, for `model_info` (load generators, smoke tests).
    func sampleIDs(limit: Int) -> (users: [String], items: [String])
    /// The user's trained factors, or nil for a user the model has not seen.
    func trainedFactors(user: String) -> [Float]?
    /// The user's training interactions (what `exclude_seen` hides and fold-in starts from).
    func trainedHistory(user: String) -> [Interaction]
    /// Dense index of a known item (0..<itemCount): the key of summed fold-in weights. nil when unknown.
    func itemIndex(_ item: String) -> Int32?
    /// The user's training interactions by item index, in stored order (empty for an unknown user).
    func trainedWeights(user: String) -> [(item: Int32, weight: Float)]
    /// Exact fold-in: the user factors that minimise the ALS loss for these interactions with item factors fixed.
    /// Duplicate items are summed first (in the given order), as training sums duplicate rows.
    func foldIn(_ interactions: [Interaction]) -> [Float]
    /// The same fold-in from weights already summed per item index: `foldIn(xs)` equals
    /// `foldIn(summedWeights:)` of the per-index sums of `xs` taken in order, bit for bit.
    func foldIn(summedWeights: [Int32: Float]) -> [Float]
    /// The same as `foldIn(trainedHistory(user) + online)` (or `foldIn(online)` for nil), bit for bit;
    /// a model may do it without turning the training history into external IDs and back.
    func foldIn(historyOf user: String?, plus online: [Interaction]) -> [Float]
    /// Top-k items for user factors (nil: popular fallback), skipping `exclude` and, when `historyOf` names
    /// a trained user, that user's training interactions; honouring `filter`.
    func recommend(factors: [Float]?, historyOf user: String?, exclude: Set<String>, k: Int, filter: RecommendFilter) -> RecommendResult
    /// Several `recommend`s at once, in order; each result equals the single call's exactly. A model
    /// may score them together (the ALS adapter reads its item factors once per batch).
    func recommend(batch: [RecommendRequest]) -> [RecommendResult]
    /// Cart as query: top-k for the given items (excluded from the answer).
    func recommendItems(_ items: [String], k: Int) -> RecommendResult
    /// Items most similar to `item`.
    func similarItems(_ item: String, k: Int) -> RecommendResult
}

extension RecommenderModel {
    public func recommend(batch: [RecommendRequest]) -> [RecommendResult] {
        batch.map { recommend(factors: $0.factors, historyOf: $0.historyOf, exclude: $0.exclude, k: $0.k, filter: $0.filter) }
    }

    public func foldIn(historyOf user: String?, plus online: [Interaction]) -> [Float] {
        foldIn((user.map { trainedHistory(user: $0) } ?? []) + online)
    }
}

/// What the server needs from a loaded churn model.
public protocol ChurnScoring: Sendable {
    var version: String { get }
    /// Scores one customer given raw cell text per feature. Throws a message naming the bad feature.
    func score(customer: [String: String]) throws -> ChurnResult
}

/// Loads models from files; the production loader adapts the recommender and churn modules.
public protocol ModelLoading: Sendable {
    func loadRecommender(path: String) throws -> any RecommenderModel
    func loadChurn(path: String) throws -> any ChurnScoring
}
