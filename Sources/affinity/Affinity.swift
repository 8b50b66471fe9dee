import ArgumentParser

/// The `affinity` command: configuration only; each subcommand lives in `Commands/`.
@main
struct Affinity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affinity",
        abstract: "Recommendations and churn risk on BLAS: train, evaluate, serve.",
        version: "0.1.0",
        subcommands: [Info.self, ModelCommand.self, DataCommand.self, Generate.self, TrainCommand.self, EvaluateCommand.self, RecommendCommand.self,
                      SimilarCommand.self, SplitCommand.self, TuneCommand.self, ExportCommand.self, ImportCommand.self, ChurnCommand.self, MetricsCommand.self,
                      SegmentsCommand.self, Serve.self, Client.self, Bench.self,
                      Events.self, CLVCommand.self, RetentionCommand.self] + storeCommands
    )

    #if AFFINITY_STORE
    static let storeCommands: [any ParsableCommand.Type] = [Store.self]
    #else
    static let storeCommands: [any ParsableCommand.Type] = []
    #endif
}
