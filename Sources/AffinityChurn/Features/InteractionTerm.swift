/// A pairwise interaction of two features (`--features auto`): one 0/1 design column per cell of
/// (level of the first) × (level of the second), where a numeric column's levels are coarse
/// quantile bins, a boolean's are no/yes and a categorical's are its training levels. Stored in
/// the model file after the features' columns.
public struct InteractionTerm: Sendable, Codable, Equatable {
    /// One side: which feature, and how its value becomes a level.
    public struct Side: Sendable, Codable, Equatable {
        public var feature: String
        /// Index into `FeatureEncoder.features`.
        public var index: Int
        /// Coarse bins of a numeric column; nil for boolean (level = the 0/1 value) and categorical
        /// (level = the index of the training level) columns.
        public var bins: NumericBins?
        /// Each level in words: "tenure ≤ 5", "Contract = Month-to-month", "Partner = yes".
        public var labels: [String]

        /// The level of a feature value as `FeatureEncoder.parse` gives it (NaN = blank, filled with `fill`);
        /// nil for an unseen category.
        func level(_ parsed: Double, fill: Double?) -> Int? {
            let x = parsed.isNaN ? (fill ?? 0) : parsed
            if let bins { return bins.index(x) }
            return x >= 0 && Int(x) < labels.count ? Int(x) : nil
        }
    }

    public var first: Side
    public var second: Side
    /// First design column of this term, and how many it owns (first.labels.count × second.labels.count).
    public var offset: Int
    public var width: Int
    /// Training means of the term's design columns (the reference point of reasons).
    public var designMeans: [Double]

    /// "tenure & Contract".
    public var name: String { "\(first.feature) & \(second.feature)" }

    init(first: Side, second: Side) {
        self.first = first
        self.second = second
        self.offset = 0
        self.width = first.labels.count * second.labels.count
        self.designMeans = []
    }

    /// The cell of a customer (row-major: first level × second count + second level), nil when a side is unseen.
    func cell(_ parsed: [Double], _ features: [FeatureColumn]) -> Int? {
        guard let a = first.level(parsed[first.index], fill: features[first.index].fill),
              let b = second.level(parsed[second.index], fill: features[second.index].fill) else { return nil }
        return a * second.labels.count + b
    }

    /// The cell in words: "tenure ≤ 5 & Contract = Month-to-month".
    func label(_ parsed: [Double], _ features: [FeatureColumn]) -> String? {
        guard let c = cell(parsed, features) else { return nil }
        return "\(first.labels[c / second.labels.count]) & \(second.labels[c % second.labels.count])"
    }
}
