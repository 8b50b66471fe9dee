extension RecommenderModel {
    public var version: String { info.version }
    public var watermark: UInt64 { info.watermark }
    public var userCount: Int { info.userCount }
    public var itemCount: Int { info.itemCount }
    public var factorCount: Int { info.factorCount }
    public var factorBytes: Int { info.factorBytes }
    public var hyperparameters: [String: String] { info.hyperparameters }
    public var trainedAt: String? { info.trainedAt }
    public var trainedThrough: Int64? { info.trainedThrough }
    public var eventWeights: [String: Float] { info.eventWeights }
    public var hasCategories: Bool { info.hasCategories }

    /// Up to `limit` of the sample user ids and item ids.
    public func sampleIDs(limit: Int) -> (users: [String], items: [String]) {
        (Array(info.sampleUsers.prefix(limit)), Array(info.sampleItems.prefix(limit)))
    }

    public func hasItem(_ item: String) -> Bool { itemIndex(item) != nil }

    /// Whether `user` is in the model's training data (factors or a history; EASE has no factors).
    public func isTrained(user: String) -> Bool { trainedFactors(user: user) != nil || !trainedWeights(user: user).isEmpty }

    /// The user's training interactions by external id, in stored order (for `export_user`).
    public func trainedHistory(user: String) -> [Interaction] {
        trainedWeights(user: user).map { Interaction(item: itemID($0.item), weight: $0.weight) }
    }
}
