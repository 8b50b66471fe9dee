import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity segments`: RFM quintile scores and named segments per customer.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "RFM segmentation: recency, frequency, monetary scored 1–5 by quintile; named segments (champions, at risk, hibernating, …).",
        discussion: "Output CSV columns: customer_id, recency_days, frequency, monetary, r, f, m, segment. JSON keys: as_of, customers, segments {name: count}."
    )

    @Option(name: .long, help: "Order-line CSV (Online Retail layout; also the synthetic shop's orders.csv).")
    var transactions: String
    @Option(name: .long, help: "Dataset preset for --transactions: online-retail only.")
    var preset: String?
    @Option(name: .customLong("as-of"), help: "Score as of this date (YYYY-MM-DD; default: the day after the last transaction).")
    var asOf: String?
    @Option(name: .shortAndLong, help: "Per-customer CSV to write.")
    var output: String?
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let asOf, TimestampParser.parse(asOf) == nil { throw ValidationError("--as-of must be a date like 2011-12-10; got '\(asOf)'") }
        if let preset, preset != DatasetPreset.onlineRetail.rawValue { throw ValidationError("--preset must be online-retail; got '\(preset)'") }
    }

    struct Summary: Encodable { var as_of: String; var customers: Int; var segments: [String: Int] }

    func run() throws {
        let log = try TransactionLog.read(path: transactions)
        let at = asOf.flatMap(TimestampParser.parse) ?? CustomerSegments.dayAfterLast(log)
        let rows = RFMSegments.compute(log, asOf: at)
        if let output {
            try CSVTableWriter.write(header: ["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment"],
                                     rows: rows.map { [$0.customerID, String(format: "%.1f", $0.recencyDays), String($0.frequency),
                                                       String(format: "%.2f", $0.monetary), String($0.r), String($0.f), String($0.m), $0.segment] },
                                     to: output)
        }
        var counts: [String: Int] = [:]
        for r in rows { counts[r.segment, default: 0] += 1 }
        let summary = Summary(as_of: String(TimestampParser.iso8601(at).prefix(10)), customers: rows.count, segments: counts)
        if outputOptions.json { try JSONOutput.print(summary); return }
        print("as of \(summary.as_of): \(rows.count) customers")
        for (name, n) in counts.sorted(by: { $0.value > $1.value }) {
            print(TextColumns.row(["", name, String(n), String(format: "%.1f%%", 100 * Double(n) / Double(max(rows.count, 1)))]))
        }
    }
}
