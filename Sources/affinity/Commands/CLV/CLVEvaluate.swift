import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity clv evaluate`: predicted against actual purchases after the model's calibration end.
struct CLVEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a CLV model's expected purchases with the distinct purchase days each customer had in a holdout period.",
        discussion: "The holdout runs from the day after the model's calibration end to --holdout-end (included). --json prints customers, holdout_days, mae, rmse, correlation, predicted_total, actual_total, calibration (10 bins by prediction: count, mean_predicted, observed_rate = mean actual purchases)."
    )

    @Option(name: .long, help: "CLV model JSON written by 'affinity clv fit'.")
    var model: String
    @OptionGroup var source: TransactionOptions
    @Option(name: .customLong("holdout-end"), help: "Last day of the holdout period (YYYY-MM-DD, included); must be after the model's calibration end.")
    var holdoutEnd: String
    @OptionGroup var format: OutputOptions

    func validate() throws { _ = try CLVCommand.date(holdoutEnd, flag: "--holdout-end") }

    func run() throws {
        let clv = try CLVModel.load(path: model)
        let summary = try CLVSummary.build(try source.load(), calibrationEnd: try CLVCommand.date(clv.calibrationEnd, flag: "calibration_end"),
                                           holdoutEnd: try CLVCommand.date(holdoutEnd, flag: "--holdout-end"))
        let e = try CLVEvaluation.evaluate(clv, summary)
        if format.json { return try JSONOutput.print(e) }
        print("customers: \(e.customers), holdout \(e.holdoutDays) days: MAE \(String(format: "%.4f", e.mae)), RMSE \(String(format: "%.4f", e.rmse)), "
            + "correlation \(String(format: "%.4f", e.correlation)), purchases predicted \(String(format: "%.1f", e.predictedTotal)) vs actual \(Int(e.actualTotal))")
    }
}
