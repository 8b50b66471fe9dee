/// Predicted against actual purchases in a holdout period, per customer of the calibration
/// summary: errors, Pearson correlation and calibration by decile of the prediction.
public struct CLVEvaluation: Codable, Sendable {
    public var customers: Int
    public var holdoutDays: Int
    public var mae: Double
    public var rmse: Double
    public var correlation: Double
    public var predictedTotal: Double
    public var actualTotal: Double
    /// Ten equal-count bins by predicted purchases (ascending): `mean_predicted` and
    /// `observed_rate` are the bin's mean predicted and mean actual purchases per customer.
    public var calibration: [CalibrationBin]

    enum CodingKeys: String, CodingKey {
        case customers, holdoutDays = "holdout_days", mae, rmse, correlation
        case predictedTotal = "predicted_total", actualTotal = "actual_total", calibration
    }

    /// Compares `model`'s conditional expected purchases over the holdout with the distinct
    /// purchase days each customer had there. `summary` must carry holdout counts.
    public static func evaluate(_ model: CLVModel, _ summary: CLVSummary) throws(ChurnError) -> CLVEvaluation {
        guard let end = summary.holdoutEndDay, summary.holdoutPurchases.count == summary.customers.count else {
            throw .invalid("the summary has no holdout period; give a holdout end date")
        }
        let days = Int(end - summary.calibrationEndDay)
        let predicted = summary.customers.map { model.bgnbd.expectedPurchases($0, days: Double(days)) }
        let actual = summary.holdoutPurchases
        let n = Double(predicted.count)
        let errors = zip(predicted, actual).map { $0 - $1 }
        let order = predicted.indices.sorted { predicted[$0] != predicted[$1] ? predicted[$0] < predicted[$1] : $0 < $1 }
        return CLVEvaluation(customers: predicted.count, holdoutDays: days, mae: errors.reduce(0) { $0 + abs($1) } / n,
                             rmse: (errors.reduce(0) { $0 + $1 * $1 } / n).squareRoot(),
                             correlation: pearson(predicted, actual), predictedTotal: predicted.reduce(0, +),
                             actualTotal: actual.reduce(0, +),
                             calibration: ClassificationMetrics.bins(predicted, actual.map(Float.init), order: order))
    }

    /// Pearson correlation; NaN when either side is constant.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }
}
