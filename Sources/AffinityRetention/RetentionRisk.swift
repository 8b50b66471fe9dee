/// One customer's risk and what is at stake, from a churn model, a CLV model or both.
///
/// - both: churn probability from the churn model, expected value from CLV (discounted expected
///   revenue over the horizon); value at risk = P(churn) × expected value.
/// - CLV only: churn probability = 1 − P(alive) (BG/NBD's probability that the customer has already
///   dropped out); value at risk = (1 − P(alive)) × expected value. Note that BG/NBD's expected value
///   already counts P(alive) in, so this is the value of the customers most likely gone *and* valuable.
/// - churn model only: there is no value model, so the expected value is 1 (one customer) and the value
///   at risk is P(churn): the expected number of customers lost, and the list is ordered by risk.
public struct RetentionRisk: Sendable, Equatable {
    public var churnProbability: Double
    /// NaN when CLV cannot value the customer (Gamma-Gamma's q ≤ 1 and no repeat purchase).
    public var expectedValue: Double
    public var valueAtRisk: Double

    public init(churnProbability: Double, expectedValue: Double, valueAtRisk: Double) {
        self.churnProbability = churnProbability
        self.expectedValue = expectedValue
        self.valueAtRisk = valueAtRisk
    }

    /// Combines the sources as the type's documentation says; nil when neither a churn probability
    /// nor a CLV score (P(alive) and expected value) is given.
    public static func combine(churnProbability: Double?, clv: (pAlive: Double, expectedValue: Double)?) -> RetentionRisk? {
        switch (churnProbability, clv) {
        case let (p?, clv?): RetentionRisk(churnProbability: p, expectedValue: clv.expectedValue, valueAtRisk: p * clv.expectedValue)
        case let (p?, nil): RetentionRisk(churnProbability: p, expectedValue: 1, valueAtRisk: p)
        case let (nil, clv?):
            RetentionRisk(churnProbability: 1 - clv.pAlive, expectedValue: clv.expectedValue, valueAtRisk: (1 - clv.pAlive) * clv.expectedValue)
        case (nil, nil): nil
        }
    }

    /// Orders by value at risk, largest first; a NaN value at risk sorts last; ties by customer ID.
    public static func before(_ a: (risk: RetentionRisk, id: String), _ b: (risk: RetentionRisk, id: String)) -> Bool {
        let x = a.risk.valueAtRisk, y = b.risk.valueAtRisk
        if x.isNaN != y.isNaN { return y.isNaN }
        if !x.isNaN, x != y { return x > y }
        return a.id < b.id
    }
}
