import Foundation

/// Top-k ranking quality averaged over evaluated users (binary relevance).
///
/// For one user with ranked list r₁…r_k and relevant (test) set T, m = min(k, |T|):
/// - precision@k = hits / k
/// - recall@k = hits / m (so a perfect list scores 1 even when |T| > k)
/// - NDCG@k = Σ_{hit at rank j} 1/log₂(j+1) ÷ Σ_{j=1…m} 1/log₂(j+1)
/// - MAP@k: AP = (1/m)·Σ_{hit at rank j} precision@j, averaged over users
/// - coverage@k = distinct items recommended to anyone ÷ catalog size (a catalog-wide value)
public struct RankingMetrics: Codable, Sendable, Equatable {
    public var precision: Double = 0
    public var recall: Double = 0
    public var ndcg: Double = 0
    public var map: Double = 0
    public var coverage: Double = 0

    public init(precision: Double = 0, recall: Double = 0, ndcg: Double = 0, map: Double = 0, coverage: Double = 0) {
        self.precision = precision
        self.recall = recall
        self.ndcg = ndcg
        self.map = map
        self.coverage = coverage
    }

    /// The per-user metrics of one ranked list (coverage is left 0).
    public static func user(ranked: [Int32], relevant: Set<Int32>, k: Int) -> RankingMetrics {
        guard k > 0, !relevant.isEmpty else { return RankingMetrics() }
        let m = min(k, relevant.count)
        var hits = 0, dcg = 0.0, apSum = 0.0
        for (j, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            hits += 1
            dcg += 1 / log2(Double(j + 2))
            apSum += Double(hits) / Double(j + 1)
        }
        let idcg = (0..<m).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        return RankingMetrics(precision: Double(hits) / Double(k), recall: Double(hits) / Double(m),
                              ndcg: dcg / idcg, map: apSum / Double(m))
    }

    mutating func add(_ o: RankingMetrics) {
        precision += o.precision; recall += o.recall; ndcg += o.ndcg; map += o.map
    }

    func divided(by n: Int) -> RankingMetrics {
        let d = Double(max(n, 1))
        return RankingMetrics(precision: precision / d, recall: recall / d, ndcg: ndcg / d, map: map / d, coverage: coverage)
    }
}

/// A model and the popularity baseline on the same split.
public struct EvaluationResult: Codable, Sendable, Equatable {
    public var k: Int
    public var model: RankingMetrics
    public var popularity: RankingMetrics
    public var usersEvaluated: Int
    /// Test pairs dropped: user or item unknown to the model, or the pair already in train.
    public var testPairsSkipped: Int
    /// Test rows read, and the skipped ones by reason (they sum to `testPairsSkipped`).
    public var testPairs: Int = 0
    public var skippedUnknownUser: Int = 0
    public var skippedUnknownItem: Int = 0
    public var skippedInTrain: Int = 0
    /// Evaluated test pairs the model was trained on (its stored training history) although the
    /// train file lacks them: the model has seen the answers, so its metrics are too optimistic.
    public var testPairsInModelHistory: Int = 0

    /// The share of test rows the model was trained on, in [0, 1].
    public var modelHistoryShare: Double { testPairs > 0 ? Double(testPairsInModelHistory) / Double(testPairs) : 0 }
}
