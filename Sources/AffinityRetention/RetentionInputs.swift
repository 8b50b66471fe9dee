public import AffinityChurn
public import AffinityData
public import AffinityRecommender

/// What a retention list is built from: a recommender and at least one risk source.
public struct RetentionInputs: Sendable {
    public var recommender: any TrainedModel
    /// A churn model and the customers to score with it (features as `churn features` writes them).
    public var churn: (model: ChurnModel, customers: CustomerTable)?
    /// CLV scores (`CLVModel.score`) for the customers.
    public var clv: [CLVScore]?
    /// Order lines whose purchases are never offered back to their customer.
    public var purchases: TransactionLog?
    public var catalog: ProductCatalog?

    public init(recommender: any TrainedModel, churn: (model: ChurnModel, customers: CustomerTable)? = nil, clv: [CLVScore]? = nil,
                purchases: TransactionLog? = nil, catalog: ProductCatalog? = nil) {
        self.recommender = recommender
        self.churn = churn
        self.clv = clv
        self.purchases = purchases
        self.catalog = catalog
    }
}
