public import AffinityChurn
public import AffinityData

/// What `retention_offer` reads besides the models, loaded once at start: CLV scores of the order
/// lines' customers (as of their last day), the items each customer bought (never offered back), tiers
/// for CLV-only risk (quantiles of 1 − P(alive) over those customers) and the catalogue's names.
public struct RetentionData: Sendable {
    public var clv: [String: (pAlive: Double, expectedValue: Double)]
    public var clvTiers: TierThresholds?
    public var bought: [String: Set<String>]
    public var catalog: ProductCatalog?

    public init(clv: [String: (pAlive: Double, expectedValue: Double)] = [:], clvTiers: TierThresholds? = nil,
                bought: [String: Set<String>] = [:], catalog: ProductCatalog? = nil) {
        self.clv = clv
        self.clvTiers = clvTiers
        self.bought = bought
        self.catalog = catalog
    }

    /// Reads the files `config` names (none: empty data).
    public static func load(_ config: ServerConfig) throws -> RetentionData {
        var data = RetentionData(catalog: try config.catalogPath.map { try ProductCatalog.read(path: $0) })
        guard let clvPath = config.clvModelPath, let transactions = config.transactionsPath else { return data }
        let log = try TransactionLog.read(path: transactions)
        let scores = try CLVModel.load(path: clvPath).score(try CLVSummary.build(log), horizonDays: config.clvHorizonDays,
                                                             annualDiscountRate: config.clvAnnualDiscountRate)
        data.clv = Dictionary(scores.map { ($0.customer.id, (pAlive: $0.pAlive, expectedValue: $0.expectedValue)) }, uniquingKeysWith: { a, _ in a })
        data.clvTiers = TierThresholds.fromQuantiles(scores.map { 1 - $0.pAlive })
        data.bought = log.itemsBought()
        return data
    }
}
