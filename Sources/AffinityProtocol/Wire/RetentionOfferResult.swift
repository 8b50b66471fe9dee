/// The reply of `retention_offer`. `churn_probability` is the churn model's (with `customer`) or
/// 1 − `p_alive` (CLV only); `expected_value` is CLV's discounted expected revenue (1, one customer,
/// without CLV); `value_at_risk` = `churn_probability` × `expected_value`. `risk_source` is
/// `churn_model+clv`, `churn_model` or `clv`.
public struct RetentionOfferResult: Codable, Sendable, Equatable {
    public struct Offer: Codable, Sendable, Equatable {
        public var item: String
        public var name: String?
        public var score: Float
        public init(item: String, name: String?, score: Float) {
            self.item = item
            self.name = name
            self.score = score
        }
    }

    public var user: String
    public var churnProbability: Double
    public var tier: String
    public var pAlive: Double?
    public var expectedValue: Double?
    public var valueAtRisk: Double?
    public var riskSource: String
    public var reasons: [ChurnReason]
    public var offers: [Offer]
    public var offerCategory: String?
    /// Of the offers: `model` or `popular_fallback`.
    public var source: String
    public var modelVersion: String

    enum CodingKeys: String, CodingKey {
        case user, tier, reasons, offers, source
        case churnProbability = "churn_probability", pAlive = "p_alive", expectedValue = "expected_value"
        case valueAtRisk = "value_at_risk", riskSource = "risk_source", offerCategory = "offer_category", modelVersion = "model_version"
    }

    public init(user: String, churnProbability: Double, tier: String, pAlive: Double?, expectedValue: Double?, valueAtRisk: Double?,
                riskSource: String, reasons: [ChurnReason], offers: [Offer], offerCategory: String?, source: String, modelVersion: String) {
        self.user = user
        self.churnProbability = churnProbability
        self.tier = tier
        self.pAlive = pAlive
        self.expectedValue = expectedValue
        self.valueAtRisk = valueAtRisk
        self.riskSource = riskSource
        self.reasons = reasons
        self.offers = offers
        self.offerCategory = offerCategory
        self.source = source
        self.modelVersion = modelVersion
    }

    /// Nil optionals are written as null, so every reply has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(user, forKey: .user)
        try c.encode(churnProbability, forKey: .churnProbability)
        try c.encode(tier, forKey: .tier)
        try c.encode(pAlive, forKey: .pAlive)
        try c.encode(expectedValue, forKey: .expectedValue)
        try c.encode(valueAtRisk, forKey: .valueAtRisk)
        try c.encode(riskSource, forKey: .riskSource)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(offers, forKey: .offers)
        try c.encode(offerCategory, forKey: .offerCategory)
        try c.encode(source, forKey: .source)
        try c.encode(modelVersion, forKey: .modelVersion)
    }
}
