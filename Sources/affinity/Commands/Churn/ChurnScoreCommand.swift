import AffinityChurn
import ArgumentParser
import Foundation

/// `affinity churn score`: probabilities, tiers and reasons for a customer file or one JSON customer.
struct ChurnScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score customers: churn probability, risk tier and top 3 reasons, sorted by risk.",
        discussion: """
        Output CSV columns: customer_id, probability, tier, reason_1, reason_2, reason_3 (each "feature = value (+logit)"). \
        --customer prints one JSON line: customer_id, probability, logit, tier, reasons [{feature, value, contribution, label (bin in words, --features auto models)}].
        """
    )

    @Option(name: .long, help: "Model file written by 'churn train'.")
    var model: String
    @Option(name: .long, help: "Customer CSV to score (label column optional).")
    var input: String?
    @Option(name: .shortAndLong, help: "Scores CSV to write (default: stdout).")
    var output: String?
    @Option(name: .long, help: "One customer as a JSON object, e.g. '{\"tenure\": 2, \"Contract\": \"Month-to-month\"}'.")
    var customer: String?
    @Option(name: .long, help: "Also print the N riskiest customers with reasons to stdout (0 = none).")
    var top: Int = 0
    @Option(name: .customLong("tiers"), help: "Override the model's tier cut points: 'MEDIUM,HIGH' in [0,1].")
    var tiers: String?

    func validate() throws {
        if (input == nil) == (customer == nil) { throw ValidationError("give either --input F or --customer JSON") }
        if top < 0 { throw ValidationError("--top must be ≥ 0; got \(top)") }
        if let tiers, ChurnScoreCommand.parseTiers(tiers) == nil {
            throw ValidationError("--tiers must be 'MEDIUM,HIGH' with 0 ≤ MEDIUM ≤ HIGH ≤ 1; got '\(tiers)'")
        }
    }

    static func parseTiers(_ text: String) -> TierThresholds? {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 else { return nil }
        let t = TierThresholds(medium: parts[0], high: parts[1], origin: "given")
        return (try? t.validate()) != nil ? t : nil
    }

    func run() throws {
        var m = try ChurnModel.load(path: model)
        if let tiers, let t = Self.parseTiers(tiers) { m.tiers = t }
        if let customer {
            let record = try CustomerRecord.decode(json: Data(customer.utf8))
            try JSONOutput.print(try m.score(customer: record))
            return
        }
        let table = try CustomerTable.read(path: input ?? "")
        let scores = try m.score(table: table).sorted { $0.probability > $1.probability }
        let rows = scores.map(ScoreRows.row)
        if let output {
            try CSVTableWriter.write(header: ScoreRows.header, rows: rows, to: output)
            printError("scored \(scores.count) customers -> \(output)")
        } else {
            print(CSVTableWriter.render(header: ScoreRows.header, rows: rows), terminator: "")
        }
        if top > 0 { print(ScoreRows.topText(scores.prefix(top))) }
    }
}

/// Rows of the scores CSV and the `--top` text.
enum ScoreRows {
    static let header = ["customer_id", "probability", "tier", "reason_1", "reason_2", "reason_3"]

    static func row(_ s: ChurnScore) -> [String] {
        let reasons = s.reasons.map(\.cell)
        return [s.customerID ?? "", String(format: "%.4f", s.probability), s.tier.rawValue]
            + (0..<3).map { $0 < reasons.count ? reasons[$0] : "" }
    }

    static func topText(_ scores: ArraySlice<ChurnScore>) -> String {
        scores.map { s in
            let why = s.reasons.map(\.text).joined(separator: "; ")
            return "\(s.customerID ?? "?")  \(String(format: "%.3f", s.probability))  \(s.tier.rawValue)  \(why)"
        }.joined(separator: "\n")
    }
}
