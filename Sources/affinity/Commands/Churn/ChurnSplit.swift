import AffinityChurn
import ArgumentParser

/// `affinity churn split`: a stratified, seeded train/test split written as two CSVs.
struct ChurnSplit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a labelled customer CSV into train and test files with the same churn rate (seeded)."
    )

    @Option(name: .long, help: "Labelled customer CSV.")
    var input: String
    @Option(name: .long, help: "Label column (default: Churn if present, else churned).")
    var label: String?
    @Option(name: .customLong("test-fraction"), help: "Share of rows in the test file, in (0, 1).")
    var testFraction: Double = 0.2
    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 42
    @Option(name: .customLong("train-output"), help: "Train CSV to write.")
    var trainOutput: String
    @Option(name: .customLong("test-output"), help: "Test CSV to write.")
    var testOutput: String

    func validate() throws {
        if !(testFraction > 0 && testFraction < 1) { throw ValidationError("--test-fraction must be in (0, 1); got \(testFraction)") }
    }

    func run() throws {
        let table = try CustomerTable.read(path: input)
        let column = label ?? (table.header.contains("Churn") ? "Churn" : "churned")
        let (train, test) = try StratifiedSplit.split(table, label: column, testFraction: testFraction, seed: seed)
        try CSVTableWriter.write(header: table.header, rows: train.rows, to: trainOutput)
        try CSVTableWriter.write(header: table.header, rows: test.rows, to: testOutput)
        print("train: \(train.rows.count) rows -> \(trainOutput)")
        print("test: \(test.rows.count) rows -> \(testOutput)")
    }
}
