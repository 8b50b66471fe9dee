import AffinityChurn
import ArgumentParser

/// `affinity churn synth`: a seeded synthetic labelled customer table (benchmarks, demos).
struct ChurnSynth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic labelled customer CSV: N(0,1) numeric columns x1..xP, label 'churned' from a known logistic model.",
        discussion: """
        --nonlinear writes a customer table with known non-linear effects instead: customer_id, age (U-shaped risk, \
        lowest at 45), tenure_months (saturating), products (a step at 3), monthly_spend, support_calls, contract \
        (with a month-to-month × short-tenure interaction), region (no effect), churned. The true log-odds are in \
        docs/CHURN.md; --features and --model-seed do not apply.
        """
    )

    @Option(name: .long, help: "Number of customers (1...100000000).")
    var rows: Int = 10_000
    @Option(name: .long, help: "Number of numeric feature columns (1...10000).")
    var features: Int = 50
    @Option(name: .long, help: "Random seed of the rows.")
    var seed: UInt64 = 1
    @Option(name: .customLong("model-seed"), help: "Seed of the true coefficients; tables sharing it come from one model (use another --seed for a test table).")
    var modelSeed: UInt64 = 1
    @Flag(name: .long, help: "Write the customer table with known non-linear effects (a U-shape, a step, an interaction) instead.")
    var nonlinear = false
    @Option(name: .shortAndLong, help: "CSV file to write (temp + rename).")
    var output: String

    func validate() throws {
        if !(1...100_000_000).contains(rows) { throw ValidationError("--rows must be between 1 and 100000000; got \(rows)") }
        if !(1...10_000).contains(features) { throw ValidationError("--features must be between 1 and 10000; got \(features)") }
    }

    func run() throws {
        let table = SyntheticCustomers(rows: rows, features: features, seed: seed, modelSeed: modelSeed, nonlinear: nonlinear)
        try table.write(to: output)
        printError("wrote \(rows) customers × \(table.header.count - 2) features -> \(output)")
    }
}
