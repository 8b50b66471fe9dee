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

    /// The reason in words when the model bins the value (`--features auto`): the bin, in the
    /// column's units ("tenure ≤ 5", "MonthlyCharges 70.35–79.1"), or an interaction's two cells
    /// ("tenure ≤ 5 & Contract = Month-to-month"); nil otherwise. Absent from JSON when nil.
    public var label: String?

    public init(feature: String, value: String, contribution: Double, label: String? = nil) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
        self.label = label
    }

    /// "Contract = Month-to-month", or the label when there is one ("tenure ≤ 5").
    public var text: String { label ?? "\(feature) = \(value)" }
}
