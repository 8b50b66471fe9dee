import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity clv score`: P(alive), expected purchases and discounted expected value per customer.
struct CLVScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score customers with a CLV model: P(alive), expected purchases and discounted expected value over a horizon.",
        discussion: "Columns: \(CLVScore.header.joined(separator: ", ")). Customers are summarised as of --as-of (default: the last day in the data), in customer ID order."
    )

    @Option(name: .long, help: "CLV model JSON written by 'affinity clv fit'.")
    var model: String
    @OptionGroup var source: TransactionOptions
    @Option(name: .customLong("as-of"), help: "Summarise purchases up to this day (YYYY-MM-DD, included); default: the last day in the data.")
    var asOf: String?
    @OptionGroup var horizon: CLVHorizonOptions
    @Option(name: .shortAndLong, help: "Score CSV to write (temp + rename).")
    var output: String

    func validate() throws {
        if let asOf { _ = try CLVCommand.date(asOf, flag: "--as-of") }
    }

    func run() throws {
        let clv = try CLVModel.load(path: model)
        let summary = try CLVSummary.build(try source.load(), calibrationEnd: asOf.map { try CLVCommand.date($0, flag: "--as-of") })
        let scores = try clv.score(summary, horizonDays: horizon.horizonDays, annualDiscountRate: horizon.annualDiscountRate)
        let rows = zip(summary.rows, scores).map { row, s in row + ["\(s.pAlive)", "\(s.expectedPurchases)", "\(s.expectedValue)"] }
        try CSVTableWriter.write(header: CLVScore.header, rows: rows, to: output)
        let total = scores.map(\.expectedValue).filter(\.isFinite).reduce(0, +)
        print("customers: \(scores.count), as of \(CLVSummary.text(summary.calibrationEndDay)), horizon \(horizon.horizonDays) days, "
            + "expected value \(String(format: "%.2f", total)) -> \(output)")
    }
}
