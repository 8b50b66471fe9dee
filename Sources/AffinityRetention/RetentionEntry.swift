public import AffinityChurn

/// One row of the retention list: who, how likely to leave, what is at stake, why, and what to offer.
public struct RetentionEntry: Sendable, Equatable {
    public var customerID: String
    public var risk: RetentionRisk
    public var tier: RiskTier
    /// The churn model's top reasons (largest push first); empty without a churn model.
    public var reasons: [Reason]
    public var offers: RetentionOffers

    public init(customerID: String, risk: RetentionRisk, tier: RiskTier, reasons: [Reason], offers: RetentionOffers) {
        self.customerID = customerID
        self.risk = risk
        self.tier = tier
        self.reasons = reasons
        self.offers = offers
    }
}
