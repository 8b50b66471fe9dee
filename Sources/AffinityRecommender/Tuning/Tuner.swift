public import AffinityData
import AffinityNumerics

/// Hyperparameter search on the training data alone (docs/TUNING.md): carve a validation split
/// from the table, fit each planned grid point on its train side, score it on the held-out side,
/// and train the best configuration on the whole table. Nothing else is read.
public enum Tuner {
    /// Searches `config.algorithms` within `config.budget` fits and returns the report and the final
    /// model. A fit that fails (e.g. EASE over the memory limit) is recorded with its error and the
    /// search goes on. Same table, config and threads: same report and model.
    /// - Throws: `invalidParameter` for a bad config, `invalidInput` when the validation split is
    ///   empty or every fit failed, and the final fit's own error.
    public static func tune(_ table: InteractionTable, config: TuningConfig, eventWeights: EventWeights = .funnel,
                            datasetSource: String? = nil,
                            progress: ((TuningProgress) -> Void)? = nil) throws(RecommenderError) -> TuningOutcome {
        try config.validate()
        let split = try validationSplit(table, fraction: config.validationFraction, seed: config.seed, scheme: config.validationSplit)
        guard !split.test.userIndices.isEmpty else {
            let heldOut = config.validationSplit == .perUser ? "each user's last \(config.validationFraction)"
                                                             : "the last \(config.validationFraction) of the rows by time"
            throw .invalidInput("no validation interactions: holding out \(heldOut) of the training data "
                                + "left none (a held-out pair needs a user and an item seen before it, and must be new for that user); "
                                + "give more data or a larger --validation-fraction")
        }
        let candidates = TuningPlan.candidates(config)
        var trials: [TuningTrial] = [], best: Int?
        var popularity = 0.0, usersEvaluated = 0
        for (n, candidate) in candidates.enumerated() {
            var trial = TuningTrial(algorithm: candidate.algorithm, hyperparameters: candidate.hyperparameters)
            do throws(RecommenderError) {
                let model = try candidate.algorithm.train(split.train, settings: candidate.settings(from: config.baseSettings),
                                                          eventWeights: eventWeights, datasetSource: datasetSource)
                let r = try Evaluator.evaluate(model: model, train: split.train, test: split.test, k: config.metric.k, threads: config.threads)
                trial.score = config.metric.value(of: r.model)
                popularity = config.metric.value(of: r.popularity)
                usersEvaluated = r.usersEvaluated
            } catch {
                trial.error = error.description
            }
            trials.append(trial)
            if let s = trial.score, s > best.flatMap({ trials[$0].score }) ?? -.infinity { best = n }
            progress?(TuningProgress(trial: n + 1, trials: candidates.count, candidate: candidate, score: trial.score,
                                     error: trial.error, bestScore: best.flatMap { trials[$0].score }))
        }
        guard let best, let score = trials[best].score else {
            throw .invalidInput("every fit failed; the first error: \(trials.first?.error ?? "none")")
        }
        let chosen = candidates[best]
        let model = try chosen.algorithm.train(table, settings: chosen.settings(from: config.baseSettings),
                                               eventWeights: eventWeights, datasetSource: datasetSource)
        let summary = ValidationSummary(scheme: config.validationSplit, fraction: config.validationFraction,
                                        order: table.timestamps == nil ? "random" : "time",
                                        trainRows: split.train.count, validationRows: split.test.count,
                                        usersEvaluated: usersEvaluated, popularityScore: popularity)
        let report = TuningReport(algorithm: chosen.algorithm, hyperparameters: chosen.hyperparameters, metric: config.metric.description,
                                  validationScore: score, validation: summary, seed: config.seed, budget: config.budget,
                                  threads: config.threads, trials: trials)
        return TuningOutcome(report: report, model: model)
    }

    /// The validation split, from `table` alone. `perUser`: `Splitter`'s per-user last `fraction` by
    /// time, or without timestamps its seeded random `fraction` per user (same seed: same split).
    /// `globalTime`: the last `fraction` of all rows by time (`Splitter`'s global time fraction;
    /// rows tied at the cut stay together). Validation keeps only users and items seen on the train
    /// side, and pairs not on it.
    /// - Throws: `invalidInput` for `globalTime` on a table without timestamps.
    public static func validationSplit(_ table: InteractionTable, fraction: Double, seed: UInt64,
                                       scheme: ValidationScheme = .perUser) throws(RecommenderError) -> Split {
        switch scheme {
        case .perUser:
            return try Splitter.split(table, strategy: table.timestamps == nil ? .randomUserFraction(fraction, seed: seed) : .userFraction(fraction))
        case .globalTime:
            guard table.timestamps != nil else {
                throw .invalidInput("--validation-split global-time cuts the training data at a time and needs timestamps; the input has none "
                                    + "(give --time-col, or a preset with times, or use --validation-split per-user)")
            }
            return try Splitter.split(table, strategy: .fraction(1 - fraction))
        }
    }
}
