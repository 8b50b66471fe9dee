import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity churn features`: per-customer features and churn labels from a transaction log.
struct ChurnFeatures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Build a labelled customer table from order lines: RFM, tenure, basket, items, returns, country; churned = no purchase within the horizon after the cutoff.",
        discussion: "Columns: \(ChurnFeatureBuilder.header.joined(separator: ", ")). Monetary values are net of returns. "
            + "With --unlabelled: today's customers, every customer with a purchase on or before --as-of, without the churned column; rows after --as-of are skipped unread."
    )

    @OptionGroup var source: TransactionOptions
    @Option(name: .long, help: "Features use lines before this date (YYYY-MM-DD); default: the last transaction minus the horizon.")
    var cutoff: String?
    @Option(name: .customLong("horizon-days"), help: "Churned = no purchase in [cutoff, cutoff + N days); 1...3650.")
    var horizonDays: Int = 90
    @Option(name: .shortAndLong, help: "Customer CSV to write (temp + rename).")
    var output: String
    @Flag(name: .long, help: "Features for scoring today's customers: no label, no horizon; see --as-of.")
    var unlabelled = false
    @Option(name: .customLong("as-of"), help: "With --unlabelled: use lines on or before this day (YYYY-MM-DD, included); default: the last day in the data.")
    var asOf: String?

    func validate() throws {
        if !(1...3650).contains(horizonDays) { throw ValidationError("--horizon-days must be between 1 and 3650; got \(horizonDays)") }
        if let cutoff, TimestampParser.parse(cutoff) == nil { throw ValidationError("--cutoff must be a date like 2011-09-01; got '\(cutoff)'") }
        if let asOf, TimestampParser.parse(asOf) == nil { throw ValidationError("--as-of must be a date like 2011-12-09; got '\(asOf)'") }
        if asOf != nil && !unlabelled { throw ValidationError("--as-of needs --unlabelled; a labelled table takes --cutoff and --horizon-days") }
        if unlabelled && cutoff != nil { throw ValidationError("--cutoff is for labelled tables; with --unlabelled give --as-of") }
    }

    func run() throws {
        if unlabelled { return try runUnlabelled() }
        let log = try source.load()
        let at = try cutoff.flatMap(TimestampParser.parse) ?? ChurnFeatureBuilder.defaultCutoff(log, horizonDays: horizonDays)
            ?? { throw ValidationError("no transactions") }()
        let table = try ChurnFeatureBuilder.build(log, cutoff: at, horizonDays: horizonDays)
        try CSVTableWriter.write(header: table.header, rows: table.rows, to: output)
        let churned = table.rows.filter { $0.last == "Yes" }.count
        print("customers: \(table.rows.count), churned: \(churned) (\(String(format: "%.1f", 100 * Double(churned) / Double(table.rows.count)))%), cutoff: \(String(TimestampParser.iso8601(at).prefix(10))), horizon: \(horizonDays) days -> \(output)")
    }

    private func runUnlabelled() throws {
        // Rows from the end of the as-of day on are skipped unparsed.
        let before = asOf.flatMap(TimestampParser.parse).map(ChurnFeatureBuilder.endOfDay)
        let log = try source.load(before: before)
        guard let cutoff = before ?? log.lastTime.map(ChurnFeatureBuilder.endOfDay) else { throw ValidationError("no transactions") }
        let table = try ChurnFeatureBuilder.buildUnlabelled(log, cutoff: cutoff)
        try CSVTableWriter.write(header: table.header, rows: table.rows, to: output)
        print("customers: \(table.rows.count), as of \(String(TimestampParser.iso8601(cutoff - 86_400).prefix(10))) (unlabelled) -> \(output)")
    }
}
