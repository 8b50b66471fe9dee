/// What a loaded recommender reports about itself (`model_info`) and the event weights feedback
/// uses: plain values, computed once when the model is loaded.
public struct RecommenderInfo: Sendable {
    public var version: String
    /// The highest event-log sequence number included in training (0 when trained from files only).
    public var watermark: UInt64
    public var userCount: Int
    public var itemCount: Int
    /// Factors per user and item (0 for a model without factors).
    public var factorCount: Int
    /// Bytes of the model's numeric data, for `model_info` and the memory budget.
    public var factorBytes: Int
    public var hyperparameters: [String: String]
    public var trainedAt: String?
    /// The latest interaction timestamp (Unix seconds) in the training data, nil when unknown.
    public var trainedThrough: Int64?
    /// Confidence weight per event type, stored with the model.
    public var eventWeights: [String: Float]
    /// True when the model knows item categories (for `categories`, `exclude_categories`, `max_per_category`).
    public var hasCategories: Bool
    /// Some user ids and item ids, for `model_info` (load generators, smoke tests).
    public var sampleUsers: [String]
    public var sampleItems: [String]

    public init(version: String, watermark: UInt64, userCount: Int, itemCount: Int, factorCount: Int, factorBytes: Int,
                hyperparameters: [String: String], trainedAt: String?, trainedThrough: Int64?, eventWeights: [String: Float], hasCategories: Bool,
                sampleUsers: [String], sampleItems: [String]) {
        self.version = version
        self.watermark = watermark
        self.userCount = userCount
        self.itemCount = itemCount
        self.factorCount = factorCount
        self.factorBytes = factorBytes
        self.hyperparameters = hyperparameters
        self.trainedAt = trainedAt
        self.trainedThrough = trainedThrough
        self.eventWeights = eventWeights
        self.hasCategories = hasCategories
        self.sampleUsers = sampleUsers
        self.sampleItems = sampleItems
    }
}
