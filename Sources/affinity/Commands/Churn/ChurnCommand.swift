import ArgumentParser

/// `affinity churn …`: train, evaluate and apply churn-risk models.
struct ChurnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Churn risk: build features, train, evaluate, score with reasons.",
        subcommands: [ChurnTrain.self, ChurnEvaluate.self, ChurnScoreCommand.self, ChurnSplit.self, ChurnFeatures.self, ChurnSynth.self]
    )
}
