/// Writing the synthetic shop as CSV files (formats in docs/FORMATS.md).
extension SyntheticShop {
    public static let fileNames = ["interactions.csv", "items.csv", "orders.csv", "customers.csv", "surveys.csv"]

    /// Writes every file into `directory` (created when missing), each via temp + rename.
    /// Returns the paths written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try AtomicFile.makeDirectory(directory)
        let writers = [interactionsCSV(), itemsCSV(), ordersCSV(), customersCSV(), surveysCSV()]
        var paths: [String] = []
        for (name, writer) in zip(Self.fileNames, writers) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            try writer.save(to: path)
            paths.append(path)
        }
        return paths
    }

    func interactionsCSV() -> CSVWriter {
        var w = CSVWriter(header: ["user", "item", "event", "weight", "timestamp"])
        for e in events {
            w.append([customers[e.customer].id, catalog.items[e.item].id, e.event.rawValue, String(e.event.weight), TimestampParser.iso8601(e.time)])
        }
        return w
    }

    func itemsCSV() -> CSVWriter {
        var w = CSVWriter(header: ["item", "category", "price"])
        for item in catalog.items {
            w.append([item.id, catalog.categoryNames[item.category], CSVText.money(cents: item.priceCents)])
        }
        return w
    }

    /// The UCI Online Retail layout, so `--preset online-retail` reads it.
    func ordersCSV() -> CSVWriter {
        var w = CSVWriter(header: ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"])
        for line in orders {
            let item = catalog.items[line.item]
            let customer = customers[line.customer]
            w.append([line.invoice, item.id, item.description, String(line.quantity), CSVText.dateTime(line.time),
                      CSVText.money(cents: item.priceCents), customer.id, customer.country])
        }
        return w
    }

    func customersCSV() -> CSVWriter {
        var w = CSVWriter(header: ["customer_id", "country", "tenure_months", "plan", "contract", "payment_method",
                                   "monthly_spend", "support_tickets", "discount_user", "paperless_billing", "churned"])
        func yesNo(_ b: Bool) -> String { b ? "Yes" : "No" }
        for c in customers {
            w.append([c.id, c.country, String(c.tenureMonths), c.plan, c.contract, c.paymentMethod,
                      CSVText.money(cents: c.monthlySpendCents), String(c.supportTickets), yesNo(c.discountUser),
                      yesNo(c.paperlessBilling), yesNo(c.churned)])
        }
        return w
    }

    func surveysCSV() -> CSVWriter {
        var w = CSVWriter(header: ["customer_id", "date", "nps", "csat", "ces"])
        for s in surveys {
            w.append([customers[s.customer].id, CSVText.date(s.time), String(s.nps), String(s.csat), String(s.ces)])
        }
        return w
    }
}
