/// Computes `ClassificationReport`s and ROC curves from probabilities and 0/1 labels.
public enum ClassificationMetrics {
    public static func report(probabilities p: [Double], labels y: [Float], threshold: Double = 0.5) -> ClassificationReport {
        precondition(p.count == y.count, "metrics: \(p.count) probabilities for \(y.count) labels")
        let n = p.count
        let positives = y.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        var logLoss = 0.0, brier = 0.0, tp = 0, fp = 0, fn = 0, correct = 0
        for i in 0..<n {
            let yi = Double(y[i])
            logLoss += LogisticMath.logLoss(probability: p[i], label: yi)
            brier += (p[i] - yi) * (p[i] - yi)
            let predicted = p[i] >= threshold
            let actual = yi > 0.5
            if predicted == actual { correct += 1 }
            if predicted && actual { tp += 1 } else if predicted { fp += 1 } else if actual { fn += 1 }
        }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
        let top = max(1, n / 10)
        let topPositives = order.prefix(top).reduce(0) { $0 + (y[$1] > 0.5 ? 1 : 0) }
        let rate = Double(positives) / Double(max(n, 1))
        return ClassificationReport(
            rows: n, positives: positives, auc: auc(p, y), logLoss: logLoss / Double(max(n, 1)),
            brier: brier / Double(max(n, 1)), threshold: threshold, accuracy: Double(correct) / Double(max(n, 1)),
            precision: tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0, recall: tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0,
            topDecileLift: rate > 0 ? (Double(topPositives) / Double(top)) / rate : 0,
            calibration: bins(p, y, order: order.reversed()))
    }

    /// Mann–Whitney AUC with average ranks for tied scores.
    public static func auc(_ p: [Double], _ y: [Float]) -> Double {
        let order = p.indices.sorted { p[$0] < p[$1] }
        var rankSum = 0.0, positives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && p[order[j + 1]] == p[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where y[order[k]] > 0.5 { rankSum += rank; positives += 1 }
            i = j + 1
        }
        let negatives = Double(p.count) - positives
        guard positives > 0, negatives > 0 else { return .nan }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// (false positive rate, true positive rate) points from the highest threshold down.
    public static func rocCurve(_ p: [Double], _ y: [Float]) -> [(fpr: Double, tpr: Double)] {
        let (counts, positives) = cumulativeCounts(p, y)
        let negatives = Double(p.count) - positives
        return counts.map { (negatives > 0 ? $0.fp / negatives : 0, positives > 0 ? $0.tp / positives : 0) }
    }

    /// Cumulative gains: (share of customers contacted, share of churners among them) when customers
    /// are contacted from the highest score down, one point per distinct score; lift = captured / contacted.
    public static func gainsCurve(_ p: [Double], _ y: [Float]) -> [(contacted: Double, captured: Double)] {
        let (counts, positives) = cumulativeCounts(p, y)
        let n = Double(max(p.count, 1))
        return counts.map { (($0.tp + $0.fp) / n, positives > 0 ? $0.tp / positives : 0) }
    }

    /// (true positives, false positives) above each distinct score, from the highest down, starting at (0, 0).
    static func cumulativeCounts(_ p: [Double], _ y: [Float]) -> (counts: [(tp: Double, fp: Double)], positives: Double) {
        let order = p.indices.sorted { p[$0] > p[$1] }
        let positives = Double(y.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) })
        var counts: [(tp: Double, fp: Double)] = [(0, 0)], tp = 0.0, fp = 0.0, i = 0
        while i < order.count {
            var j = i
            while j < order.count && p[order[j]] == p[order[i]] {
                if y[order[j]] > 0.5 { tp += 1 } else { fp += 1 }
                j += 1
            }
            counts.append((tp, fp))
            i = j
        }
        return (counts, positives)
    }

    /// Ten equal-count bins of `order` (ascending prediction): mean prediction and mean outcome per bin.
    static func bins(_ p: [Double], _ y: [Float], order: [Int]) -> [CalibrationBin] {
        let n = order.count
        guard n > 0 else { return [] }
        return (0..<10).compactMap { b in
            let range = (b * n / 10)..<((b + 1) * n / 10)
            guard !range.isEmpty else { return nil }
            let predicted = range.reduce(0.0) { $0 + p[order[$1]] } / Double(range.count)
            let observed = range.reduce(0.0) { $0 + Double(y[order[$1]]) } / Double(range.count)
            return CalibrationBin(count: range.count, meanPredicted: predicted, observedRate: observed)
        }
    }
}
