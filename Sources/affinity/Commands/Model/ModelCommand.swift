import ArgumentParser

/// `affinity model …`: inspect model files offline.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Inspect model files offline.", subcommands: [ModelInfoCommand.self])
}

/// `affinity model info MODEL`: kind, hyperparameters, sizes, watermark and dataset fingerprint.
struct ModelInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a model file (recommender or churn): kind, hyperparameters, sizes, training watermark, dataset fingerprint.",
        discussion: """
        Reads the file offline (no server needed). --json prints {"path", "kind", and one object per section: \
        "hyperparameters", "sizes", "training", …}; an ALS model's "training" holds training_watermark (latest \
        interaction time, Unix seconds, and its ISO-8601 form), training_event_sequence (event-log sequence, when \
        trained with --events) and dataset_fingerprint. Absent values are null.
        """)

    @Argument(help: "Model file: from 'affinity train als' or 'affinity churn train'.")
    var model: String
    @OptionGroup var format: OutputOptions

    func run() throws {
        let info = try ModelInfo.read(path: model)
        if format.json { try JSONOutput.print(info) } else { print(info.text) }
    }
}
