import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity train …`: fit models.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model.", subcommands: [TrainALS.self])
}

/// `affinity train als`: implicit-feedback ALS, saved as a model file.
struct TrainALS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "als",
        abstract: "Train implicit-feedback ALS (Hu, Koren & Volinsky) and save the model.",
        discussion: "--json prints one line: fit_seconds, seconds_per_iteration, users, items, nnz (plus iteration_seconds, cpu_seconds_per_iteration and model).")

    @OptionGroup var input: InputOptions
    @OptionGroup var als: ALSOptions
    @Option(help: "Model file to write (e.g. models/shop.affinity); written to a temp file, then renamed.")
    var output: String
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if input.input == nil { throw ValidationError("missing --input FILE (the interactions to train on)") }
    }

    struct Summary: Encodable {
        let fitSeconds: Double, secondsPerIteration: Double, users: Int, items: Int, nnz: Int
        let iterationSeconds: [Double], model: String
        let cpuSecondsPerIteration: Double
        enum CodingKeys: String, CodingKey {
            case users, items, nnz, model
            case cpuSecondsPerIteration = "cpu_seconds_per_iteration"
            case fitSeconds = "fit_seconds", secondsPerIteration = "seconds_per_iteration", iterationSeconds = "iteration_seconds"
        }
    }

    func run() throws {
        let path = input.input ?? ""
        let loaded = try InteractionLoader.load(path: path, options: try input.loadOptions(file: path))
        let config = als.config()
        let progress = ProgressLine()
        let weights = input.preset == DatasetPreset.rees46.rawValue ? DatasetPreset.rees46EventWeights : ALSModelHeader.defaultEventWeights
        let model = try ALSModel.train(try loaded.table.requireRows(file: path, for: "train on"), config: config, eventWeights: weights,
                                       datasetSource: input.preset ?? path, progress: progress.report)
        try model.save(to: output)
        let h = model.header
        let perIteration = model.fitReport.iterationSeconds.reduce(0, +) / Double(max(h.iterations, 1))
        if format.json {
            try JSONOutput.print(Summary(fitSeconds: h.fitSeconds, secondsPerIteration: perIteration, users: h.users,
                                         items: h.items, nnz: h.nnz, iterationSeconds: model.fitReport.iterationSeconds, model: output,
                                         cpuSecondsPerIteration: model.fitReport.iterationCPUSeconds / Double(max(h.iterations, 1))))
        } else {
            print(String(format: "trained %d users × %d items (%d interactions), %d factors: %.3f s fit, %.4f s/iteration",
                         h.users, h.items, h.nnz, h.factors, h.fitSeconds, perIteration))
            print("saved \(output)")
        }
    }
}
