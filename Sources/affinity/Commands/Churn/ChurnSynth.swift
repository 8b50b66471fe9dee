import AffinityChurn
import ArgumentParser
import Foundation

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
        let synth = SyntheticCustomers(rows: rows, features: features, seed: seed, modelSeed: modelSeed)
        let url = URL(fileURLWithPath: output)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil), let handle = try? FileHandle(forWritingTo: temp) else {
            throw ValidationError("cannot create \(temp.path)")
        }
        var buffer = synth.header.joined(separator: ",") + "\n"
        try synth.forEachRow { cells in
            buffer += cells.joined(separator: ",")
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(buffer.utf8)); buffer = "" }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        try AtomicFile.rename(temp, to: output)
        printError("wrote \(rows) customers × \(features) features -> \(output)")
    }
}
