/// A trained churn model: the fitted preprocessing, the logistic coefficients, the
/// risk-tier thresholds and optional calibration. Immutable and `Sendable`, so a server
/// can share one instance across threads and swap it atomically on reload.
///
/// ## Scoring API (used by `affinity churn score` and the server's `churn_score` op)
///
/// ```swift
/// let model = try ChurnModel.load(path: "churn.json")
/// let s = try model.score(customer: ["tenure": "2", "Contract": "Month-to-month", ...])
/// s.probability    // 0.71 (calibrated when the model has calibration)
/// s.tier           // .high   (thresholds in `model.tiers`)
/// s.reasons        // up to 3, largest first: [Reason(feature: "Contract", value: "Month-to-month", contribution: 0.82), ...]
/// let many = try model.score(customers: [[String: String]])   // batch, same order
/// ```
///
/// - Input is raw cell text, exactly as in a CSV. JSON numbers and booleans are passed
///   as their text (`2`, `29.85`, `true`), so CSV and JSON share one parsing path.
/// - One rule for CSV and JSON: a feature the record lacks is an error naming it
///   (`ChurnError.missingField`), as a missing CSV column is; a blank / NA / null value is a
///   missing value, imputed as at training (median, majority, or the "(missing)" category),
///   as a blank CSV cell is. An unseen category sets no one-hot column. The label and ID
///   columns, and columns dropped at training, are ignored.
/// - A field the model does not know throws `ChurnError.unknownField`; a non-number in a
///   numeric field throws `ChurnError.badValue` naming the field.
/// - Reasons: contribution = Σ coefficient × (encoded value − training mean) over the
///   feature's design columns, in logit units. `baselineLogit` plus the contributions of
///   all features (and interactions) is exactly the customer's logit; the top 3 positive ones are
///   returned, skipping the `--no-reason` columns and interactions involving them. A binned column's
///   reason names its bin (`Reason.label`, "tenure ≤ 5"), an interaction's both cells.
public struct ChurnModel: Sendable, Codable, Equatable {
    /// The `format` value every churn model file carries.
    public static let formatName = "affinity-churn-model"
    /// The newest file version this build writes and reads (it reads 1 … currentVersion). A model
    /// with `--features auto` columns (bins, interactions) is version 2; any other model is written
    /// as version 1, which older builds read too.
    public static let currentVersion = 2

    public var format: String
    public var version: Int
    public var encoder: FeatureEncoder
    /// One per design column (`encoder.width`).
    public var coefficients: [Double]
    public var intercept: Double
    public var tiers: TierThresholds
    public var calibration: Calibration?
    public var training: TrainingSummary

    public init(encoder: FeatureEncoder, coefficients: [Double], intercept: Double, tiers: TierThresholds,
                calibration: Calibration?, training: TrainingSummary) {
        self.format = Self.formatName
        self.version = encoder.usesAutoFeatures ? 2 : 1
        self.encoder = encoder
        self.coefficients = coefficients
        self.intercept = intercept
        self.tiers = tiers
        self.calibration = calibration
        self.training = training
    }

    /// The logit of a customer at the training means: intercept + Σ βⱼ·meanⱼ.
    public var baselineLogit: Double {
        var b = intercept
        for f in encoder.features {
            for (j, m) in f.designMeans.enumerated() { b += coefficients[f.offset + j] * m }
        }
        for t in encoder.interactions ?? [] {
            for (j, m) in t.designMeans.enumerated() { b += coefficients[t.offset + j] * m }
        }
        return b
    }

    /// The probability for a logit, through the calibration when present.
    public func probability(logit: Double) -> Double {
        calibration?.apply(logit: logit) ?? LogisticMath.sigmoid(logit)
    }
}

/// What was trained, for `affinity churn` reports and the model file.
public struct TrainingSummary: Sendable, Codable, Equatable {
    public var rows: Int
    public var positives: Int
    public var config: LogisticConfig
    public var report: FitReport
    public var source: String

    public init(rows: Int, positives: Int, config: LogisticConfig, report: FitReport, source: String) {
        self.rows = rows
        self.positives = positives
        self.config = config
        self.report = report
        self.source = source
    }
}
