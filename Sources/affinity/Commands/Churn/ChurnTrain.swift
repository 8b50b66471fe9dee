import AffinityChurn
import ArgumentParser

/// `affinity churn train`: fit a churn model on a labelled customer table.
struct ChurnTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a logistic churn model on a customer table (one row per customer).",
        discussion: """
        JSON keys: fit_seconds (optimizer only), iterations, converged, gradient_norm, solver, warnings, \
        train_rows, features, model; with --test or --test-fraction also auc, log_loss, brier, accuracy, rows \
        (rows = test rows), precision, recall, top_decile_lift.
        """
    )

    @Option(name: .long, help: "Customer CSV to train on (or use --train with --test).")
    var input: String?
    @Option(name: .long, help: "Training CSV; pair with --test to report test metrics in the same run.")
    var train: String?
    @Option(name: .long, help: "Test CSV scored after training (same columns).")
    var test: String?
    @Option(name: .customLong("test-fraction"), help: "Hold out this share of --input (stratified, seeded) and report its metrics; in (0, 1).")
    var testFraction: Double?
    @Option(name: .long, help: "Seed for --test-fraction and calibration splits.")
    var seed: UInt64 = 42
    @Option(name: .shortAndLong, help: "Model file to write (JSON; written to a temp file, then renamed).")
    var output: String
    @Option(name: .customLong("tiers"), help: "Fixed risk-tier cut points 'MEDIUM,HIGH' in [0,1] (default: training score quantiles 0.5/0.8).")
    var tiers: String?
    @Option(name: .long, help: "Calibration fitted on a held-out 20% of the training rows: none, platt or isotonic.")
    var calibration: Calibration.Method = .none

    @OptionGroup var columns: ChurnColumnOptions
    @OptionGroup var encoding: AutoFeatureOptions
    @OptionGroup var logistic: LogisticOptions
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if (input == nil) == (train == nil) { throw ValidationError("give either --input F or --train F (optionally with --test F)") }
        if test != nil && train == nil { throw ValidationError("--test needs --train (use --test-fraction with --input)") }
        if let f = testFraction, !(f > 0 && f < 1) { throw ValidationError("--test-fraction must be in (0, 1); got \(f)") }
        if testFraction != nil && test != nil { throw ValidationError("give --test or --test-fraction, not both") }
        _ = try parsedTiers()
    }

    func parsedTiers() throws -> TierThresholds? {
        guard let tiers else { return nil }
        guard let t = ChurnScoreCommand.parseTiers(tiers) else {
            throw ValidationError("--tiers must be 'MEDIUM,HIGH' with 0 ≤ MEDIUM ≤ HIGH ≤ 1; got '\(tiers)'")
        }
        return t
    }

    func run() throws {
        var table = try CustomerTable.read(path: train ?? input ?? "")
        var options = ChurnTrainer.Options(features: encoding.apply(to: columns.featureOptions(header: table.header)), config: try logistic.config())
        options.tiers = try parsedTiers()
        options.calibration = calibration
        options.seed = seed
        var testTable = try test.map { try CustomerTable.read(path: $0) }
        if let testFraction {
            (table, testTable) = try StratifiedSplit.split(table, label: options.features.label, testFraction: testFraction, seed: seed)
        }
        let result = try ChurnTrainer.train(table, options: options)
        let metrics = try testTable.map { try ChurnEvaluation.evaluate(result.model, on: $0, label: options.features.label) }
        let summary = ChurnTrainOutput(result: result, model: output, metrics: metrics?.report)
        // Everything that can fail runs before the model is written, so a failed command leaves no model.
        let printed = outputOptions.json ? try JSONOutput.line(summary) : summary.text
        try result.model.save(path: output)
        for note in result.notes { printError("note: \(note)") }
        for warning in result.report.warnings { printError("warning: \(warning)") }
        print(printed)
    }
}
