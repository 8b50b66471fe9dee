public import AffinityData
public import AffinityRecommender

/// Offers for one customer: recommended items they have not bought, with names from the catalogue,
/// and the category with the strongest affinity.
public struct RetentionOffers: Sendable, Equatable {
    public struct Offer: Sendable, Equatable {
        public var item: String
        /// From the catalogue; nil when it has no name for the item (or there is no catalogue).
        public var name: String?
        public var score: Float

        public init(item: String, name: String?, score: Float) {
            self.item = item
            self.name = name
            self.score = score
        }
    }

    public var offers: [Offer]
    /// The catalogue category whose offers' recommendation scores sum highest (ties: the
    /// alphabetically first); nil when the catalogue has no categories for them.
    public var category: String?
    /// True when the recommender did not know the customer and offered popular items.
    public var popularFallback: Bool

    public init(offers: [Offer], category: String?, popularFallback: Bool) {
        self.offers = offers
        self.category = category
        self.popularFallback = popularFallback
    }

    /// Names the recommended `items` (best first) from `catalog` and picks the offer category.
    public init(items: [(item: String, score: Float)], catalog: ProductCatalog?, popularFallback: Bool) {
        offers = items.map { Offer(item: $0.item, name: catalog?.name(of: $0.item), score: $0.score) }
        var sums: [String: Double] = [:]
        for o in offers { if let c = catalog?.category(of: o.item) { sums[c, default: 0] += Double(o.score) } }
        category = sums.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        self.popularFallback = popularFallback
    }

    /// Top-`count` items of `model` for `customer`, leaving out what the model saw them interact with
    /// in training and every item in `bought` (their purchases in the transactions, which may be newer).
    public static func recommend(_ model: any TrainedModel, customer: String, count: Int, bought: Set<String>,
                                 catalog: ProductCatalog?) -> RetentionOffers {
        let filter = RecommendationFilter(excludeSeen: true, excludeItems: bought.sorted())
        let list = model.recommend(user: customer, k: count, filter: filter, catalog: nil)
        return RetentionOffers(items: list.items.map { (item: $0.item, score: $0.score) }, catalog: catalog,
                               popularFallback: list.source == .popularFallback)
    }
}
