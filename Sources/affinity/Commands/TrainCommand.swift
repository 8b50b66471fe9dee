import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity train …`: fit models.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model.", subcommands: [TrainALS.self, TrainEASE.self])
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
    @OptionGroup var password: StorePasswordOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if input.input == nil && input.eventLog == nil {
            throw ValidationError("missing --input FILE or --events DATA_DIR|postgres://… (the interactions to train on)")
        }
        try password.validate(events: input.eventLog)
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
        var path = input.input ?? ""
        var table = InteractionTable()
        if let file = input.input {
            let loaded = try InteractionLoader.load(path: file, options: try input.loadOptions(file: file))
            table = loaded.table
            if loaded.report.negativeWeightRows > 0 {
                printError("note: \(file): \(loaded.report.negativeWeightRows) rows have a negative weight, read as negative feedback (docs/FORMATS.md)")
            }
        }
        var sequence: UInt64?
        // --events naming a log: its events too (forgotten users left out); the model records the last
        // sequence number covered, so a server replays only newer events.
        if let events = input.eventLog {
            let source = try EventSource.read(events, password: password)
            table = table.merging(events: source.events, forgotten: source.forgotten)
            sequence = source.watermark
            printError("events \(source.name): \(source.events.count) events, \(source.forgotten.count) forgotten users, watermark seq \(source.watermark)")
            if input.input == nil { path = source.name }
        }
        let config = als.config()
        let progress = ProgressLine()
        // The table moves into training (no other copy stays alive here), which frees its rows as it builds the matrix.
        let (weighted, eventWeights) = try input.weighted(consume table, file: path, eventLogAllowed: true)
        _ = try weighted.requireRows(file: path, for: "train on")
        let model = try ALSModel.train(consume weighted, config: config, eventWeights: eventWeights,
                                       datasetSource: input.preset ?? path, trainingEventSequence: sequence, progress: progress.report)
        let h = model.header
        let perIteration = model.fitReport.iterationSeconds.reduce(0, +) / Double(max(h.iterations, 1))
        let summary = Summary(fitSeconds: h.fitSeconds, secondsPerIteration: perIteration, users: h.users,
                              items: h.items, nnz: h.nnz, iterationSeconds: model.fitReport.iterationSeconds, model: output,
                              cpuSecondsPerIteration: model.fitReport.iterationCPUSeconds / Double(max(h.iterations, 1)))
        // The output is rendered before the model is written, so a failed command leaves no model.
        let printed = format.json ? try JSONOutput.line(summary)
            : String(format: "trained %d users × %d items (%d interactions), %d factors: %.3f s fit, %.4f s/iteration",
                     h.users, h.items, h.nnz, h.factors, h.fitSeconds, perIteration) + "\nsaved \(output)"
        try model.save(to: output)
        print(printed)
    }
}
