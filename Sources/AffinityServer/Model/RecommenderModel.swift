public import AffinityProtocol
public import AffinityRecommender

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

/// One `recommend` after the user store was read, for `RecommenderModel.recommend(batch:)`.
public struct RecommendRequest: Sendable {
    /// The user's online profile: weights summed per item index (their training history first unless
    /// they were forgotten, then their online events) and the model's state for them. nil when the
    /// store holds none.
    public var profile: UserProfile?
    /// The user's id when their training data applies (a user the model may know, not forgotten):
    /// scored from what training learned while `profile` has no state yet.
    public var trainedUser: String?
    /// Leave out what the user has seen: the profile's items, else the trained user's history.
    public var excludeSeen: Bool
    public var k: Int
    /// The request's filters; its `excludeItems` are left out whatever `excludeSeen` says.
    public var filter: RecommendFilter

    public init(profile: UserProfile?, trainedUser: String?, excludeSeen: Bool, k: Int, filter: RecommendFilter) {
        self.profile = profile
        self.trainedUser = trainedUser
        self.excludeSeen = excludeSeen
        self.k = k
        self.filter = filter
    }
}

/// One interaction by external item id (an exported training history).
public struct Interaction: Sendable, Equatable {
    public var item: String
    public var weight: Float
    public init(item: String, weight: Float) { self.item = item; self.weight = weight }
}

/// What the server needs from a loaded recommender model. Immutable and thread-safe; the adapter
/// over `AffinityRecommender`'s ALS model implements it, and tests use a small dense stand-in.
///
/// A user is served from a `UserProfile` built from (item index, weight) pairs: the store sums a
/// user's training history and online events into it, `foldIn` brings the model's state for those
/// sums up to date (ALS: factors), and `recommend` scores from the profile, or from what training
/// learned about a user without one. A model that scores the weighted history itself keeps no
/// state beyond the sums and has nothing to fold in.
public protocol RecommenderModel: Sendable {
    /// Version, sizes, hyperparameters and event weights.
    var info: RecommenderInfo { get }
    /// Dense index of a known item (0..<itemCount), nil when unknown: item ids become indices once, here.
    func itemIndex(_ item: String) -> ItemIndex?
    /// The external id of a valid item index.
    func itemID(_ index: ItemIndex) -> String
    /// True when some item of the catalog has this category.
    func hasCategory(_ name: String) -> Bool
    /// A trained user's interactions by item index, in stored order (empty for an unknown user): what
    /// `exclude_seen` hides and a profile starts from.
    func trainedWeights(user: String) -> [(item: ItemIndex, weight: Float)]
    /// A trained user's factors as training left them; nil for an unknown user (or a model without user factors).
    func trainedFactors(user: String) -> [Float]?
    /// Brings `profile`'s model state up to date with its summed weights, exactly (the same weights give
    /// the same bits). On error the profile keeps its previous state and the error says why.
    func foldIn(_ profile: inout UserProfile) throws(RecommenderError)
    /// Top-k for each request, in order, honouring its filter; users with no state get the popular fallback.
    /// Each result equals that request scored alone (a model may score a batch together).
    func recommend(batch: [RecommendRequest]) -> [RecommendResult]
    /// Why `items` (indices of this request's model-scored result) are recommended: for each, up to `k`
    /// items of the history the request was scored from, with their additive terms of its score, largest
    /// first (docs/EXPLAIN.md). Empty lists for a request scored from no history (popular fallback).
    func explain(_ request: RecommendRequest, items: [ItemIndex], k: Int) throws(RecommenderError) -> [[BecauseItem]]
    /// Cart as query: top-k for the given items (excluded from the answer).
    func recommendItems(_ items: [String], k: Int) -> RecommendResult
    /// Items most similar to `item`.
    func similarItems(_ item: String, k: Int) -> RecommendResult
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
