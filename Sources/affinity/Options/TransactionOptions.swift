import AffinityChurn
import AffinityData
import ArgumentParser

/// Where order lines come from (`churn features`, `metrics`, `segments`, `clv`): a file in the
/// online-retail layout, or any order-line file with its columns named by the column flags.
struct TransactionOptions: ParsableArguments {
    @Option(name: .long, help: "Order-line CSV (.csv or .csv.gz) with InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country (or the columns named by the --*-col flags).")
    var transactions: String

    @Option(name: .long, help: "Dataset preset; only online-retail (the default column layout, also used by the synthetic shop's orders.csv).")
    var preset: String?

    @Option(name: .customLong("customer-col"), help: "Customer ID column (default CustomerID).")
    var customerColumn: String?
    @Option(name: .customLong("invoice-col"), help: "Invoice (order) ID column (default InvoiceNo).")
    var invoiceColumn: String?
    @Option(name: .customLong("date-col"), help: "Order date/time column (default InvoiceDate).")
    var dateColumn: String?
    @Option(name: .customLong("quantity-col"), help: "Quantity column, negative for returns (default Quantity).")
    var quantityColumn: String?
    @Option(name: .customLong("price-col"), help: "Unit price column (default UnitPrice).")
    var priceColumn: String?
    @Option(name: .customLong("item-col"), help: "Item (product) ID column (default StockCode).")
    var itemColumn: String?
    @Option(name: .customLong("country-col"), help: "Country column (default Country); '' when the file has none.")
    var countryColumn: String?

    private var columnFlags: [String?] {
        [customerColumn, invoiceColumn, dateColumn, quantityColumn, priceColumn, itemColumn, countryColumn]
    }

    func validate() throws {
        if let preset, preset != DatasetPreset.onlineRetail.rawValue {
            throw ValidationError("--preset must be online-retail for transaction commands; got '\(preset)'")
        }
        if preset != nil && columnFlags.contains(where: { $0 != nil }) {
            throw ValidationError("--preset and the --*-col flags are alternatives: the preset fixes the columns; drop one of them")
        }
        for (flag, value) in zip(["--customer-col", "--invoice-col", "--date-col", "--quantity-col", "--price-col", "--item-col"], columnFlags)
        where value?.isEmpty == true {
            throw ValidationError("\(flag) must name a column of the transactions file; got ''")
        }
    }

    /// The column layout: the online-retail names, overridden by the column flags.
    var columns: TransactionLog.Columns {
        var c = TransactionLog.Columns()
        c.customer = customerColumn ?? c.customer
        c.invoice = invoiceColumn ?? c.invoice
        c.date = dateColumn ?? c.date
        c.quantity = quantityColumn ?? c.quantity
        c.unitPrice = priceColumn ?? c.unitPrice
        c.item = itemColumn ?? c.item
        if let countryColumn { c.country = countryColumn.isEmpty ? nil : countryColumn }
        return c
    }

    /// Reads the file; with `before`, rows dated at or after it are skipped unparsed.
    func load(before: Int64? = nil) throws -> TransactionLog {
        let log = try TransactionLog.read(path: transactions, columns: columns, before: before)
        for (reason, count) in log.skipped.sorted(by: { $0.key < $1.key }) { printError("skipped \(count) rows: \(reason)") }
        return log
    }
}
