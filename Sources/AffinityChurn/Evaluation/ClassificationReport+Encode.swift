extension ClassificationReport {
    /// A warning for metrics that are undefined on this data (AUC needs both classes; they are
    /// encoded as JSON null and printed as "n/a"), or nil when every metric is defined.
    public var undefinedMetricsWarning: String? {
        guard !auc.isFinite else { return nil }
        return "auc is undefined: the test set has only one class (\(positives) of \(rows) rows churned); it is reported as null"
    }

    /// Encodes like the synthesized form, but a non-finite metric becomes `null` (JSON has no NaN).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(positives, forKey: .positives)
        for (value, key) in [(auc, CodingKeys.auc), (logLoss, .logLoss), (brier, .brier), (threshold, .threshold),
                             (accuracy, .accuracy), (precision, .precision), (recall, .recall), (topDecileLift, .topDecileLift)] {
            if value.isFinite { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try c.encode(calibration, forKey: .calibration)
    }
}
