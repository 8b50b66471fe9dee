@testable import AffinityChurn
import Foundation
import Testing

@Suite("Classification metrics and splits")
struct ClassificationMetricsTests {
    @Test("AUC equals the pairwise definition (ties count half)")
    func aucMatchesPairs() {
        let p: [Double] = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4]
        let y: [Float] = [0, 0, 1, 1, 1, 1, 0, 0]
        var wins = 0.0, pairs = 0.0
        for i in p.indices where y[i] == 1 {
            for j in p.indices where y[j] == 0 {
                pairs += 1
                wins += p[i] > p[j] ? 1 : (p[i] == p[j] ? 0.5 : 0)
            }
        }
        #expect(abs(ClassificationMetrics.auc(p, y) - wins / pairs) < 1e-12)
    }

    @Test("log loss, Brier, accuracy, precision, recall and lift from their definitions")
    func pointMetrics() {
        let p: [Double] = [0.9, 0.2, 0.6, 0.4, 0.1, 0.7, 0.3, 0.8, 0.05, 0.5]
        let y: [Float] = [1, 0, 0, 1, 0, 1, 0, 1, 0, 0]
        let r = ClassificationMetrics.report(probabilities: p, labels: y)
        var ll = 0.0, brier = 0.0
        for i in p.indices {
            let yi = Double(y[i])
            ll -= yi * log(p[i]) + (1 - yi) * log(1 - p[i])
            brier += (p[i] - yi) * (p[i] - yi)
        }
        ll /= 10
        brier /= 10
        #expect(abs(r.logLoss - ll) < 1e-12)
        #expect(abs(r.brier - brier) < 1e-12)
        // Predicted positive at ≥ 0.5: rows 0, 2, 5, 7, 9 → TP 3 (0, 5, 7), FP 2 (2, 9), FN 1 (3).
        #expect(r.precision == 0.6 && r.recall == 0.75 && r.accuracy == 0.7)
        #expect(r.topDecileLift == 2.5, "the top row (0.9) churned; base rate 0.4")
        #expect(r.calibration.count == 10)
    }

    @Test("the stratified split keeps the churn rate and is reproducible from the seed")
    func stratified() throws {
        let labels: [Float] = (0..<1000).map { $0 % 4 == 0 ? 1 : 0 }
        let a = try StratifiedSplit.indices(labels: labels, testFraction: 0.2, seed: 3)
        let b = try StratifiedSplit.indices(labels: labels, testFraction: 0.2, seed: 3)
        #expect(a.test == b.test && a.test.count == 200)
        #expect(a.test.filter { labels[$0] == 1 }.count == 50)
        #expect(Set(a.train).isDisjoint(with: a.test) && a.train.count + a.test.count == 1000)
        let c = try StratifiedSplit.indices(labels: labels, testFraction: 0.2, seed: 4)
        #expect(c.test != a.test)
    }
}
