import Foundation
import Testing
@testable import AffinityRecommender

/// Metric values computed by hand (exact up to Double rounding; tolerance 1e-12).
@Suite struct RankingMetricsTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func handComputedValues() {
        // Ranked [5, 1, 7, 2], relevant {1, 2, 9}, k = 4: hits at ranks 2 and 4; m = min(4, 3) = 3.
        let m = RankingMetrics.user(ranked: [5, 1, 7, 2], relevant: [1, 2, 9], k: 4)
        #expect(Self.close(m.precision, 2.0 / 4))
        #expect(Self.close(m.recall, 2.0 / 3))
        let dcg = 1 / log2(3.0) + 1 / log2(5.0)
        let idcg = 1 / log2(2.0) + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(Self.close(m.ndcg, dcg / idcg))
        #expect(Self.close(m.map, (1.0 / 2 + 2.0 / 4) / 3))
    }

    @Test func recallDenominatorIsMinOfKAndTestSize() {
        // 5 relevant items, k = 2, both hits: recall is 1 (not 2/5), and NDCG/MAP are perfect.
        let m = RankingMetrics.user(ranked: [3, 4], relevant: [1, 2, 3, 4, 5], k: 2)
        #expect(m.recall == 1 && m.precision == 1 && Self.close(m.ndcg, 1) && m.map == 1)
    }

    @Test func noHitsAndEmptyCases() {
        #expect(RankingMetrics.user(ranked: [1, 2], relevant: [3], k: 2) == RankingMetrics())
        #expect(RankingMetrics.user(ranked: [], relevant: [3], k: 2) == RankingMetrics())
        #expect(RankingMetrics.user(ranked: [1], relevant: [], k: 2) == RankingMetrics())
        // Only the first k of a longer list count.
        #expect(RankingMetrics.user(ranked: [9, 9, 1], relevant: [1], k: 2).precision == 0)
    }
}
