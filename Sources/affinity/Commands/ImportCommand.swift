import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity import`: a servable ALS model from factors trained elsewhere (Spark, numpy, implicit).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build an ALS model file from exported factors (.npy + ID lists) and the interactions they were trained on.",
        discussion: "Hyperparameters: each flag when given, else DIR/meta.json, else the default of 'train als'. See docs/CLI.md.")

    @Option(help: "Directory with user_factors.npy, item_factors.npy (little-endian float32, C order), user_ids.txt, item_ids.txt and optionally meta.json.")
    var factors: String
    @Option(help: "Interactions file the factors were trained on (CSV; the column and preset options below apply): the history fold-in uses.")
    var interactions: String
    @OptionGroup var input: InputOptions
    @Option(help: "Model file to write; written to a temp file, then renamed. Nothing is written when the input is refused.")
    var output: String
    @Option(name: .customLong("regularization-scaling"),
            help: "λ per row: none or frequency (λ·n, Spark MLlib's). Default: meta.json's regularization_scaling, else none.")
    var regularizationScaling: ScalingName?
    @Option(help: "Confidence scale α (> 0). Default: meta.json's alpha, else 1.")
    var alpha: Float?
    @Option(help: "L2 regularization λ (≥ 0). Default: meta.json's regParam, else 0.01.")
    var regularization: Float?
    @Option(help: "Confidence convention: one-plus-alpha (Spark) or alpha (implicit). Default: meta.json's confidence, else one-plus-alpha.")
    var confidence: ConfidenceName?

    func validate() throws {
        if let given = input.input {
            throw ValidationError("--input \(given): import reads its interactions from --interactions FILE; drop --input")
        }
        if let alpha, !(alpha.isFinite && alpha > 0) {
            throw ValidationError("--alpha must be a finite number > 0; got \(alpha)")
        }
        if let regularization, !(regularization.isFinite && regularization >= 0) {
            throw ValidationError("--regularization must be a finite number ≥ 0; got \(regularization)")
        }
    }

    func run() throws {
        let options = try input.loadOptions(file: interactions)
        let weighted = try input.weighted(try InteractionLoader.load(path: interactions, options: options).table, file: interactions)
        let table = try weighted.table.requireRows(file: interactions, for: "import")
        let settings = ImportSettings(regularization: regularization, alpha: alpha, scaling: regularizationScaling?.scaling,
                                      confidence: confidence.map { $0 == .alpha ? .alpha : .onePlusAlpha })
        let model = try ALSModel.imported(try FactorDirectory.read(factors), interactions: table, source: interactions,
                                          settings: settings, eventWeights: weighted.eventWeights)
        try model.save(to: output)
        let h = model.header
        print("imported \(h.users) users × \(h.items) items (\(h.nnz) interactions), \(h.factors) factors: λ \(h.regularization) (\(h.scaling.rawValue)), α \(h.alpha) (\(h.confidence.rawValue))")
        print("saved \(output)")
    }
}
