public import AffinityData

/// Order lines held column-wise: the UCI Online Retail schema (and the synthetic shop's
/// `orders.csv`, which uses the same columns). Negative quantities are returns.
public struct TransactionLog: Sendable {
    /// Column names; the defaults are the Online Retail ones.
    public struct Columns: Sendable {
        public var invoice = "InvoiceNo"
        public var item = "StockCode"
        public var quantity = "Quantity"
        public var date = "InvoiceDate"
        public var unitPrice = "UnitPrice"
        public var customer = "CustomerID"
        public var country: String? = "Country"
        public init() {}
    }

    public var customers = IDMap(), invoices = IDMap(), items = IDMap(), countries = IDMap()
    public var customer: [Int32] = [], invoice: [Int32] = [], item: [Int32] = [], country: [Int32] = []
    public var quantity: [Double] = [], unitPrice: [Double] = []
    /// Unix seconds (UTC).
    public var time: [Int64] = []
    /// Rows left out, by reason: `missing_customer`, `adjustment` (InvoiceNo starting with A),
    /// `after_cutoff` (see `read`).
    public var skipped: [String: Int] = [:]
    public var source = ""

    public init() {}

    public var count: Int { time.count }
    public var firstTime: Int64? { time.min() }
    public var lastTime: Int64? { time.max() }

    /// Reads an order-line CSV (plain or .gz). CustomerID `17850.0` is read as `17850`;
    /// rows without a customer are skipped and counted; a bad number or date is an error
    /// naming file, line and column.
    ///
    /// With `before`, rows dated at or after it are skipped (counted as `after_cutoff`) once their
    /// date is read, before any other field of theirs is parsed.
    public static func read(path: String, columns: Columns = Columns(), before: Int64? = nil) throws -> TransactionLog {
        let reader = try CSVReader(path: path)
        if reader.header.isEmpty { throw ChurnError.emptyInput(file: path) }
        let ci = try reader.columnIndex(columns.customer), ii = try reader.columnIndex(columns.invoice)
        let si = try reader.columnIndex(columns.item), qi = try reader.columnIndex(columns.quantity)
        let di = try reader.columnIndex(columns.date), pi = try reader.columnIndex(columns.unitPrice)
        let ki = try columns.country.map { try reader.columnIndex($0) }
        var log = TransactionLog()
        log.source = path
        try reader.forEachRecord { r in
            if r.count != reader.header.count {  // one rule for every table: exactly the header's fields
                throw DataError.malformed(file: path, line: r.line, column: nil,
                                          message: "expected \(reader.header.count) fields as in the header; got \(r.count)")
            }
            if r.isEmpty(ci) { log.skipped["missing_customer", default: 0] += 1; return }
            let invoice = try r.utf8(ii, name: columns.invoice)
            if invoice.hasPrefix("A") { log.skipped["adjustment", default: 0] += 1; return }
            let t = try r.timestamp(di, name: columns.date)
            if let before, t >= before { log.skipped["after_cutoff", default: 0] += 1; return }
            var id = try r.utf8(ci, name: columns.customer)
            if id.hasSuffix(".0") { id.removeLast(2) }
            // Kept as Double, but bounded like Float: values beyond ±3.4e38 are damage, and features are Float later.
            _ = try r.float(qi, name: columns.quantity)
            _ = try r.float(pi, name: columns.unitPrice)
            let q = try r.double(qi, name: columns.quantity), p = try r.double(pi, name: columns.unitPrice)
            log.customer.append(log.customers.intern(id))
            log.invoice.append(log.invoices.intern(invoice))
            log.item.append(log.items.intern(try r.utf8(si, name: columns.item)))
            log.country.append(log.countries.intern(try ki.map { try r.utf8($0, name: columns.country ?? "country") } ?? ""))
            log.quantity.append(q)
            log.unitPrice.append(p)
            log.time.append(t)
        }
        if log.count == 0 { throw ChurnError.emptyInput(file: path) }
        return log
    }
}
