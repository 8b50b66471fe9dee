import AffinityChurn
import ArgumentParser

/// `affinity churn synth`: a seeded synthetic labelled customer table (benchmarks, demos).
struct ChurnSynth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic labelled customer CSV: N(0,1) numeric columns x1..xP, label 'churned' from a known logistic model."
    )

    @Option(name: .long, help: "Number of customers (1...100000000).")
    var rows: Int = 10_000
    @Option(name: .long, help: "Number of numeric feature columns (1...10000).")
    var features: Int = 50
    @Option(name: .long, help: "Random seed of the rows.")
    var seed: UInt64 = 1
    @Option(name: .customLong("model-seed"), help: "Seed of the true coefficients; tables sharing it come from one model (use another --seed for a test table).")
    var modelSeed: UInt64 = 1
    @Option(name: .shortAndLong, help: "CSV file to write (temp + rename).")
    var output: String

    func validate() throws {
        if !(1...100_000_000).contains(rows) { throw ValidationError("--rows must be between 1 and 100000000; got \(rows)") }
        if !(1...10_000).contains(features) { throw ValidationError("--features must be between 1 and 10000; got \(features)") }
    }

    func run() throws {
        try SyntheticCustomers(rows: rows, features: features, seed: seed, modelSeed: modelSeed).write(to: output)
        printError("wrote \(rows) customers × \(features) features -> \(output)")
    }
}
