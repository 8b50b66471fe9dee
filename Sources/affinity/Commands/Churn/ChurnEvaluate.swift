import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity churn evaluate`: metrics of a model on a labelled customer table.
struct ChurnEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a labelled customer table and report AUC, log loss, Brier, accuracy, lift and calibration.",
        discussion: "JSON keys: auc, log_loss, brier, accuracy, rows, positives, threshold, precision, recall, top_decile_lift, calibration [{count, mean_predicted, observed_rate}]."
    )

    @Option(name: .long, help: "Model file written by 'churn train'.")
    var model: String
    @Option(name: .long, help: "Labelled customer CSV (same columns as training).")
    var input: String
    @Option(name: .long, help: "Label column (default: the one the model was trained on).")
    var label: String?
    @Option(name: .long, help: "Probability threshold for accuracy, precision and recall, in [0, 1].")
    var threshold: Double = 0.5
    @Option(name: .long, help: "Directory to write roc.svg, calibration.svg (with counts per bin) and gains.svg (cumulative gains and lift) into (created if needed).")
    var plots: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(threshold >= 0 && threshold <= 1) { throw ValidationError("--threshold must be between 0 and 1; got \(threshold)") }
    }

    func run() throws {
        let m = try ChurnModel.load(path: model)
        let table = try CustomerTable.read(path: input)
        let outcome = try ChurnEvaluation.evaluate(m, on: table, label: label, threshold: threshold)
        if let plots {
            try AtomicFile.makeDirectory(plots)
            let roc = SVGPlot.roc(ClassificationMetrics.rocCurve(outcome.probabilities, outcome.labels), auc: outcome.report.auc)
            try SVGPlot.write(roc, to: plots + "/roc.svg")
            try SVGPlot.write(SVGPlot.calibration(outcome.report.calibration), to: plots + "/calibration.svg")
            let rate = Double(outcome.report.positives) / Double(max(outcome.report.rows, 1))
            try SVGPlot.write(SVGPlot.gains(ClassificationMetrics.gainsCurve(outcome.probabilities, outcome.labels), churnRate: rate),
                              to: plots + "/gains.svg")
            printError("wrote \(plots)/roc.svg, \(plots)/calibration.svg and \(plots)/gains.svg")
        }
        if output.json { try JSONOutput.print(outcome.report) } else { print(ChurnEvaluation.text(outcome.report)) }
    }
}
