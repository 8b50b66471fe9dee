import AffinityChurn
import Foundation

/// Scoring a labelled table and turning the result into metrics and text.
enum ChurnEvaluation {
    struct Outcome {
        var report: ClassificationReport
        var probabilities: [Double]
        var labels: [Float]
    }

    static func evaluate(_ model: ChurnModel, on table: CustomerTable, label: String? = nil, threshold: Double = 0.5) throws -> Outcome {
        let column = try table.columnIndex(label ?? model.encoder.labelColumn)
        var labels: [Float] = []
        for (r, row) in table.rows.enumerated() {
            guard let y = ChurnLabel.parse(row[column]) else {
                throw ChurnError.badLabel(file: table.source, line: table.lines[r], column: table.header[column], got: row[column])
            }
            labels.append(y)
        }
        let p = try model.score(table: table).map(\.probability)
        let report = ClassificationMetrics.report(probabilities: p, labels: labels, threshold: threshold)
        if let warning = report.undefinedMetricsWarning { printError("warning: \(table.source): \(warning)") }
        return Outcome(report: report, probabilities: p, labels: labels)
    }

    static func text(_ m: ClassificationReport) -> String {
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "n/a" }
        var lines = ["rows: \(m.rows) (churned \(m.positives))",
                     "auc: \(f(m.auc))  log_loss: \(f(m.logLoss))  brier: \(f(m.brier))",
                     "at threshold \(f(m.threshold)): accuracy \(f(m.accuracy)), precision \(f(m.precision)), recall \(f(m.recall))",
                     "top-decile lift: \(String(format: "%.2f", m.topDecileLift))",
                     "calibration (deciles by predicted risk): count  mean_predicted  observed_rate"]
        for b in m.calibration {
            lines.append(String(format: "  %6d  %.3f  %.3f", b.count, b.meanPredicted, b.observedRate))
        }
        return lines.joined(separator: "\n")
    }
}
