import AffinityChurn
import ArgumentParser

/// `affinity churn features`: per-customer features and churn labels from a transaction log.
struct ChurnFeatures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Build a labelled customer table from transactions (placeholder until the builder lands)."
    )

    func run() throws {
        throw ValidationError("not available yet")
    }
}
