/// Business rules applied to a recommendation list. Item and category names are external IDs;
/// names the model or catalog does not know are ignored.
public struct RecommendationFilter: Sendable, Equatable {
    /// Leave out items the user interacted with in training (default on).
    public var excludeSeen: Bool = true
    /// Never recommend these items.
    public var excludeItems: [String] = []
    /// When set, recommend only these items.
    public var includeItems: [String]?
    /// When set, recommend only items in these categories (needs an `ItemCatalog`).
    public var categories: [String]?
    /// Never recommend items in these categories (needs an `ItemCatalog`).
    public var excludeCategories: [String] = []
    /// At most this many items per category in one list (needs an `ItemCatalog`).
    public var maxPerCategory: Int?

    public init(excludeSeen: Bool = true, excludeItems: [String] = [], includeItems: [String]? = nil,
                categories: [String]? = nil, excludeCategories: [String] = [], maxPerCategory: Int? = nil) {
        self.excludeSeen = excludeSeen
        self.excludeItems = excludeItems
        self.includeItems = includeItems
        self.categories = categories
        self.excludeCategories = excludeCategories
        self.maxPerCategory = maxPerCategory
    }

    /// Whether any rule needs a catalog.
    var usesCategories: Bool { categories != nil || !excludeCategories.isEmpty || maxPerCategory != nil }
}

/// One recommended item with its score (dot product, cosine, or popularity count).
public struct Recommendation: Sendable, Equatable {
    public var item: String
    public var itemIndex: Int32
    public var score: Float

    public init(item: String, itemIndex: Int32, score: Float) {
        self.item = item
        self.itemIndex = itemIndex
        self.score = score
    }
}

/// Where a list came from.
public enum RecommendationSource: String, Sendable, Codable {
    case model
    /// The user is unknown to the model: most popular unseen items instead.
    case popularFallback = "popular_fallback"
}

/// A ranked list and its source.
public struct RecommendationList: Sendable, Equatable {
    public var items: [Recommendation]
    public var source: RecommendationSource
}
