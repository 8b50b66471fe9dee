import AffinityData

extension ChurnFeatureBuilder {
    /// Midnight UTC after the day of `t` (Unix seconds): the cutoff that includes that whole day.
    public static func endOfDay(_ t: Int64) -> Int64 { (CLVSummary.day(t) + 1) * 86_400 }

    /// The feature columns without the label.
    public static var unlabelledHeader: [String] { Array(header.dropLast()) }

    /// Features of today's customers: one row per customer with a purchase before `cutoff`
    /// (the end of the as-of day), ordered by customer ID, no label. Lines at or after the
    /// cutoff are not used (read the log with `TransactionLog.read(…, before: cutoff)` so they
    /// are not even parsed).
    public static func buildUnlabelled(_ log: TransactionLog, cutoff: Int64) throws(ChurnError) -> CustomerTable {
        guard let first = log.firstTime else { throw .emptyInput(file: log.source) }
        if cutoff <= first { throw .invalid("\(log.source): --as-of \(day(cutoff - 86_400)) is before the first transaction (\(day(first)))") }
        let activity = CustomerActivity.collect(log, cutoff: cutoff, horizonEnd: cutoff)
        let order = log.customers.ids.indices.sorted { log.customers.ids[$0] < log.customers.ids[$1] }
        let rows = order.filter { activity[$0].hasPurchase }.map {
            Array(row(log.customers.ids[$0], activity[$0], log, cutoff: cutoff).dropLast())
        }
        if rows.isEmpty { throw .invalid("\(log.source): no customer bought anything on or before \(day(cutoff - 86_400))") }
        return CustomerTable(source: log.source, header: unlabelledHeader, rows: rows)
    }
}
