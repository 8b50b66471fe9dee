import AffinityNumerics

/// The whole training pipeline: encode the table, fit, set tiers, optionally calibrate.
public enum ChurnTrainer {
    /// Options beyond the optimizer's.
    public struct Options: Sendable {
        public var features: FeatureOptions
        public var config: LogisticConfig
        /// Fixed tier cut points; nil uses training score quantiles.
        public var tiers: TierThresholds?
        public var calibration: Calibration.Method = .none
        /// Share of the training rows held out to fit the calibration.
        public var calibrationFraction: Double = 0.2
        public var seed: UInt64 = 42

        public init(features: FeatureOptions, config: LogisticConfig = LogisticConfig()) {
            self.features = features
            self.config = config
        }
    }

    public struct Result: Sendable {
        public var model: ChurnModel
        public var report: FitReport
        /// Notes on automatic decisions (columns treated as IDs, ...).
        public var notes: [String]
    }

    public static func train(_ table: CustomerTable, options: Options) throws(ChurnError) -> Result {
        try options.config.validate()
        if let t = options.tiers { try t.validate() }
        var fitTable = table, holdout: CustomerTable?
        if options.calibration != .none {
            let parts = try StratifiedSplit.split(table, label: options.features.label,
                                                  testFraction: options.calibrationFraction, seed: options.seed)
            fitTable = parts.train
            holdout = parts.test
        }
        let fitted = try FeatureEncoder.fit(fitTable, options: options.features)
        var encoder = fitted.encoder, design = fitted.design, notes = fitted.notes
        let labels = fitted.labels
        var fit = try LogisticRegression.fit(design: design, interceptColumn: encoder.width, labels: labels, config: options.config)
        if let auto = options.features.auto {
            try addInteractions(auto, table: fitTable, config: options.config, encoder: &encoder, design: &design,
                                labels: labels, fit: &fit, notes: &notes)
        }
        let summary = TrainingSummary(rows: labels.count, positives: Int(labels.reduce(0, +)), config: options.config,
                                      report: fit.report, source: table.source)
        var model = ChurnModel(encoder: encoder, coefficients: fit.coefficients, intercept: fit.intercept,
                               tiers: TierThresholds(medium: 0.5, high: 0.8, origin: "placeholder"), calibration: nil, training: summary)
        if let holdout {
            let logits = try model.score(table: holdout).map(\.logit)
            let heldLabels = try FeatureEncoder.parseLabels(holdout, try holdout.columnIndex(options.features.label))
            model.calibration = try Calibration.fit(options.calibration, logits: logits, labels: heldLabels)
        }
        if let t = options.tiers {
            model.tiers = t
        } else {
            let logits = BLAS.gemv(.none, design, (fit.coefficients + [fit.intercept]).map { Float($0) })
            model.tiers = TierThresholds.fromQuantiles(logits.map { model.probability(logit: Double($0)) })
        }
        return Result(model: model, report: fit.report, notes: notes.messages)
    }
}
