import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity tune`: hyperparameter search on a validation split carved from the training file,
/// then the final model on all of it.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Search ALS and EASE hyperparameters on a validation split of the training file, then train the best on all of it.",
        discussion: """
            Holds out each user's last --validation-fraction of TRAIN by time (a seeded random fraction when TRAIN has no \
            timestamps; with --validation-split global-time, the last --validation-fraction of all of TRAIN's rows by time), \
            fits up to --budget grid points on the rest (a seeded sample of each algorithm's grid), scores each on the \
            held-out part, writes the choice and every trial to --output (JSON), and trains the chosen configuration on all \
            of TRAIN to --model-output. It reads no other file: evaluate the model on your test file afterwards. \
            --json prints one line: algorithm, hyperparameters, metric, validation_score, fits, output, model. See docs/TUNING.md.
            """)

    @OptionGroup var input: InputOptions
    @Option(help: "Where to write the search result (JSON: the chosen algorithm and hyperparameters, every trial's score); written to a temp file, then renamed.")
    var output: String
    @Option(name: .customLong("model-output"), help: "Model file of the chosen configuration trained on all of TRAIN; written to a temp file, then renamed.")
    var modelOutput: String
    @Option(help: "Comma-separated algorithms to search: \(TuningAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).")
    var algorithms: String = TuningAlgorithm.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: "Model fits on the validation split, over all algorithms (at least one per algorithm, at most 10000); the final fit is extra.")
    var budget: Int = 24
    @Option(help: "Validation metric to maximize: NAME@K, NAME one of ndcg, precision, recall, map (K in 1...1000).")
    var metric: String = "ndcg@10"
    @Option(help: "Seed of the grid sample, the random validation split (no timestamps) and ALS's initialization.")
    var seed: UInt64 = 42
    @Option(help: "Worker threads for fits and scoring (1...256; default: all cores). Same seed and threads: same result.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("validation-split"), help: ArgumentHelp("How validation is carved from TRAIN: per-user (each user's last --validation-fraction by time; "
                               + "a seeded random fraction without timestamps) or global-time (the last --validation-fraction of all rows "
                               + "by time, one cutoff for everyone; needs timestamps). Match the test split: global-time for a test after a date.",
                               valueName: "per-user|global-time"))
    var validationSplit: String = ValidationScheme.perUser.rawValue
    @Option(name: .customLong("validation-fraction"), help: "Share of TRAIN held out for validation (0 < F < 1): each user's (per-user) or of all rows (global-time).")
    var validationFraction: Double = 0.2
    @Option(name: .customLong("max-memory"), help: ArgumentHelp("EASE fits refuse more than this (12·items² bytes): bytes or a size with K, M, G or T. Default: the memory available now.", valueName: "size"))
    var maxMemory: String?
    @OptionGroup var format: OutputOptions

    func config() throws -> TuningConfig {
        var c = TuningConfig()
        c.algorithms = try TuningAlgorithm.list(algorithms)
        c.metric = try TuningMetric(parsing: metric)
        c.budget = budget
        c.seed = seed
        c.threads = threads
        c.validationSplit = try ValidationScheme(parsing: validationSplit)
        c.validationFraction = validationFraction
        c.easeMaxMemoryBytes = MemorySize.limit(maxMemory)
        try c.validate()
        return c
    }

    func validate() throws {
        if input.input == nil { throw ValidationError("missing --input FILE (the training interactions to tune on)") }
        try MemorySize.validate(maxMemory)
        do { _ = try config() } catch let error as RecommenderError { throw ValidationError("--" + error.description) }
    }

    struct Summary: Encodable {
        let algorithm: String, hyperparameters: [String: TuningValue], metric: String, validationScore: Double
        let fits: Int, output: String, model: String
        enum CodingKeys: String, CodingKey {
            case algorithm, hyperparameters, metric, fits, output, model
            case validationScore = "validation_score"
        }
    }

    func run() throws {
        let path = input.input ?? ""
        let options = try input.loadOptions(file: path)
        let weighted = try input.weighted(try InteractionLoader.load(path: path, options: options).table, file: path)
        let table = try weighted.table.requireRows(file: path, for: "tune on")
        let progress = ProgressLine()
        let outcome = try Tuner.tune(table, config: try config(), eventWeights: weighted.eventWeights,
                                     datasetSource: input.preset ?? path, progress: progress.report)
        var report = outcome.report
        report.model = modelOutput
        try outcome.model.save(to: modelOutput)
        try report.save(to: output)
        let summary = Summary(algorithm: report.algorithm.rawValue, hyperparameters: report.hyperparameters, metric: report.metric,
                              validationScore: report.validationScore, fits: report.trials.count, output: output, model: modelOutput)
        if format.json { try JSONOutput.print(summary) } else {
            let chosen = report.hyperparameters.keys.sorted().map { "\($0)=\(report.hyperparameters[$0]!)" }.joined(separator: " ")
            print(String(format: "best: %@ %@, validation %@ %.4f (popularity %.4f) after %d fits",
                         report.algorithm.rawValue, chosen, report.metric, report.validationScore,
                         report.validation.popularityScore, report.trials.count))
            print("saved \(output) and \(modelOutput) (trained on all \(table.count) rows)")
        }
    }
}
