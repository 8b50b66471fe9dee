/// The validation metric a search maximizes: one of `RankingMetrics`' fields at a list length k,
/// written NAME@K (e.g. ndcg@10).
public struct TuningMetric: Sendable, Equatable, CustomStringConvertible {
    public enum Name: String, Sendable, CaseIterable {
        case ndcg, precision, recall, map
    }

    public var name: Name
    public var k: Int

    public init(name: Name = .ndcg, k: Int = 10) {
        self.name = name
        self.k = k
    }

    /// Parses NAME@K; throws `invalidParameter` naming `metric` otherwise.
    public init(parsing text: String) throws(RecommenderError) {
        let parts = text.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let name = Name(rawValue: String(parts[0])), let k = Int(parts[1]), (1...1000).contains(k) else {
            throw .invalidParameter(name: "metric", requirement: "NAME@K with NAME one of "
                                    + Name.allCases.map(\.rawValue).joined(separator: ", ") + " and K in 1...1000 (e.g. ndcg@10)",
                                    got: "'\(text)'")
        }
        self.init(name: name, k: k)
    }

    public var description: String { "\(name.rawValue)@\(k)" }

    /// This metric's value in `m`.
    public func value(of m: RankingMetrics) -> Double {
        switch name {
        case .ndcg: m.ndcg
        case .precision: m.precision
        case .recall: m.recall
        case .map: m.map
        }
    }
}
