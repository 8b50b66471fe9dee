/// Quality of churn probabilities against known labels.
public struct ClassificationReport: Sendable, Codable, Equatable {
    public var rows: Int
    public var positives: Int
    /// Area under the ROC curve (ties get half credit); NaN when the labels have one class (JSON null).
    public var auc: Double
    /// Mean binary log loss (probabilities clamped to [1e-15, 1 − 1e-15]).
    public var logLoss: Double
    /// Mean squared error of the probability.
    public var brier: Double
    public var threshold: Double
    public var accuracy: Double
    public var precision: Double
    public var recall: Double
    /// Churn rate among the 10% highest scores divided by the overall churn rate.
    public var topDecileLift: Double
    /// Ten equal-count bins by predicted probability, lowest first.
    public var calibration: [CalibrationBin]

    enum CodingKeys: String, CodingKey {
        case rows, positives, auc, logLoss = "log_loss", brier, threshold, accuracy, precision, recall
        case topDecileLift = "top_decile_lift", calibration
    }
}

/// One calibration bin: how many rows, their mean prediction and their observed churn rate.
public struct CalibrationBin: Sendable, Codable, Equatable {
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    enum CodingKeys: String, CodingKey { case count, meanPredicted = "mean_predicted", observedRate = "observed_rate" }
}
