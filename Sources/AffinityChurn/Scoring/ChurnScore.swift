/// One customer's churn risk with its explanation.
public struct ChurnScore: Sendable, Codable, Equatable {
    public var customerID: String?
    public var probability: Double
    public var logit: Double
    public var tier: RiskTier
    /// Up to three features that push this customer's risk up most, largest first.
    public var reasons: [Reason]

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id", probability, logit, tier, reasons
    }
}

/// A feature's push on one customer's logit, with the value as the customer has it.
public struct Reason: Sendable, Codable, Equatable {
    public var feature: String
    /// The raw value ("Month-to-month", "2"), "(blank)" when missing, or "X (unseen)".
    public var value: String
    /// Logit units: coefficient × (encoded value − training mean), summed over the feature's columns.
    public var contribution: Double

    /// "Contract = Month-to-month".
    public var text: String { "\(feature) = \(value)" }
}
