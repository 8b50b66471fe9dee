import AffinityChurn
import AffinityData
import ArgumentParser

/// Where order lines come from (`churn features`, `metrics`, `segments`).
struct TransactionOptions: ParsableArguments {
    @Option(name: .long, help: "Order-line CSV (.csv or .csv.gz) with InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.")
    var transactions: String

    @Option(name: .long, help: "Dataset preset; only online-retail (the default column layout, also used by the synthetic shop's orders.csv).")
    var preset: String?

    func validate() throws {
        if let preset, preset != DatasetPreset.onlineRetail.rawValue {
            throw ValidationError("--preset must be online-retail for transaction commands; got '\(preset)'")
        }
    }

    func load() throws -> TransactionLog {
        let log = try TransactionLog.read(path: transactions)
        for (reason, count) in log.skipped.sorted(by: { $0.key < $1.key }) { printError("skipped \(count) rows: \(reason)") }
        return log
    }
}
