/// Risk tiers by churn probability.
public enum RiskTier: String, Sendable, Codable, CaseIterable {
    case low, medium, high
}

/// Probability cut points: `high` at or above `high`, `medium` at or above `medium`, else `low`.
public struct TierThresholds: Sendable, Codable, Equatable {
    public var medium: Double
    public var high: Double
    /// Where the cut points came from, e.g. "training quantiles 0.5/0.8" or "given".
    public var origin: String

    public init(medium: Double, high: Double, origin: String) {
        self.medium = medium
        self.high = high
        self.origin = origin
    }

    /// Throws when the cut points are not 0 ≤ medium ≤ high ≤ 1.
    public func validate() throws(ChurnError) {
        guard medium.isFinite, high.isFinite, 0 <= medium, medium <= high, high <= 1 else {
            throw .invalidParameter(field: "TierThresholds", expected: "0 ≤ medium ≤ high ≤ 1", got: "\(medium),\(high)")
        }
    }

    /// Default tiers: the top 20% of training scores are high risk, the next 30% medium.
    public static func fromQuantiles(_ probabilities: [Double], medium: Double = 0.5, high: Double = 0.8) -> TierThresholds {
        let s = probabilities.sorted()
        func q(_ p: Double) -> Double { s.isEmpty ? p : s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))] }
        return TierThresholds(medium: q(medium), high: q(high), origin: "training score quantiles \(medium)/\(high)")
    }

    public func tier(_ probability: Double) -> RiskTier {
        probability >= high ? .high : (probability >= medium ? .medium : .low)
    }
}
