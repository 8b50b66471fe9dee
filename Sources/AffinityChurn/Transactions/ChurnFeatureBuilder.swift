import AffinityData
import Foundation

/// Builds a labelled customer table from a transaction log: features as of a cutoff,
/// label churned = no purchase within `horizonDays` after it.
public enum ChurnFeatureBuilder {
    public static let header = ["customer_id", "country", "recency_days", "frequency", "monetary", "tenure_days",
                                "avg_basket", "avg_units_per_order", "distinct_items", "return_rate",
                                "orders_last_90d", "days_between_orders", "churned"]

    /// The default cutoff: the last transaction minus the horizon, at midnight UTC.
    public static func defaultCutoff(_ log: TransactionLog, horizonDays: Int) -> Int64? {
        guard let last = log.lastTime else { return nil }
        let t = last - Int64(horizonDays) * 86_400
        return t - ((t % 86_400) + 86_400) % 86_400
    }

    /// One row per customer with at least one purchase before `cutoff`, ordered by customer ID.
    /// Throws when the data end before cutoff + horizon (labels would be wrong) or when no
    /// customer bought before the cutoff.
    public static func build(_ log: TransactionLog, cutoff: Int64, horizonDays: Int) throws(ChurnError) -> CustomerTable {
        guard horizonDays >= 1 else {
            throw .invalidParameter(field: "horizonDays", expected: "≥ 1", got: "\(horizonDays)")
        }
        let horizonEnd = cutoff + Int64(horizonDays) * 86_400
        guard let first = log.firstTime, let last = log.lastTime else { throw .emptyInput(file: log.source) }
        if cutoff <= first { throw .invalid("\(log.source): cutoff \(day(cutoff)) is not after the first transaction (\(day(first))); choose a later --cutoff") }
        if horizonEnd > last + 86_400 {
            throw .invalid("\(log.source): the data end on \(day(last)), before cutoff + horizon (\(day(horizonEnd))); "
                + "labels would count customers as churned for lack of data. Choose --cutoff on or before \(day(last - Int64(horizonDays) * 86_400)) or a shorter --horizon-days")
        }
        let activity = CustomerActivity.collect(log, cutoff: cutoff, horizonEnd: horizonEnd)
        var rows: [[String]] = []
        let order = log.customers.ids.indices.sorted { log.customers.ids[$0] < log.customers.ids[$1] }
        for c in order where activity[c].hasPurchase {
            rows.append(row(log.customers.ids[c], activity[c], log, cutoff: cutoff))
        }
        if rows.isEmpty { throw .invalid("\(log.source): no customer bought anything before \(day(cutoff))") }
        return CustomerTable(source: log.source, header: header, rows: rows)
    }

    static func row(_ id: String, _ a: CustomerActivity, _ log: TransactionLog, cutoff: Int64) -> [String] {
        let frequency = a.invoices.count
        let tenure = Double(cutoff - a.first) / 86_400
        func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
        return [
            id, a.country(log), f(Double(cutoff - a.last) / 86_400, 1), String(frequency), f(a.monetary), f(tenure, 1),
            f(a.monetary / Double(frequency)), f(a.units / Double(frequency), 1), String(a.items.count),
            f(a.units > 0 ? min(1, a.returnedUnits / a.units) : 0, 4), String(a.recentInvoices.count),
            frequency > 1 ? f(Double(a.last - a.first) / 86_400 / Double(frequency - 1), 1) : "",
            a.purchasedInHorizon ? "No" : "Yes",
        ]
    }

    /// `YYYY-MM-DD` of Unix seconds.
    static func day(_ t: Int64) -> String { String(TimestampText.iso(t).prefix(10)) }
}
