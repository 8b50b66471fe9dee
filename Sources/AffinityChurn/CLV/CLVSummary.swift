import AffinityData

/// The per-customer summary table BG/NBD and Gamma-Gamma are fitted to, built from order
/// lines as the transaction reader keeps them (no missing customer, no `A` adjustments).
/// A purchase day is a UTC calendar day with at least one line of positive quantity; its
/// revenue is the sum of quantity × unit price over those lines. Returns are left out.
public struct CLVSummary: Sendable {
    /// Customers with a purchase on or before the calibration end, ordered by ID.
    public var customers: [CLVCustomer]
    /// The last day of the calibration period (included), as days since 1970-01-01 UTC.
    public var calibrationEndDay: Int64
    /// Distinct purchase days after the calibration end, up to `holdoutEndDay` (included),
    /// per customer (same order); empty when no holdout was asked for.
    public var holdoutPurchases: [Double] = []
    public var holdoutEndDay: Int64?

    public static let header = ["customer_id", "frequency", "recency", "T", "monetary"]

    /// The summary as of `calibrationEnd` (Unix seconds; its UTC day is included; default:
    /// the day of the last line), with holdout counts up to `holdoutEnd`'s day when given.
    public static func build(_ log: TransactionLog, calibrationEnd: Int64? = nil,
                             holdoutEnd: Int64? = nil) throws(ChurnError) -> CLVSummary {
        guard let last = log.lastTime else { throw .emptyInput(file: log.source) }
        let endDay = day(calibrationEnd ?? last)
        let holdoutDay = holdoutEnd.map(day)
        if endDay > day(last) {
            throw .invalid("\(log.source): the data end on \(text(day(last))), before the calibration end \(text(endDay)); T would count days without data")
        }
        if let holdoutDay, holdoutDay > day(last) {
            throw .invalid("\(log.source): the data end on \(text(day(last))), before the holdout end \(text(holdoutDay)); "
                + "purchases after the data end would count as none. Choose a holdout end on or before \(text(day(last)))")
        }
        if let holdoutDay, holdoutDay <= endDay {
            throw .invalid("\(log.source): the holdout end \(text(holdoutDay)) is not after the calibration end \(text(endDay))")
        }
        let days = purchaseDays(log, through: holdoutDay ?? endDay)
        var out = CLVSummary(customers: [], calibrationEndDay: endDay, holdoutEndDay: holdoutDay)
        let order = log.customers.ids.indices.sorted { log.customers.ids[$0] < log.customers.ids[$1] }
        for c in order {
            let calibration = days[c].filter { $0.key <= endDay }.sorted { $0.key < $1.key }
            guard let first = calibration.first?.key, let lastDay = calibration.last?.key else { continue }
            let repeats = calibration.dropFirst().map(\.value)
            out.customers.append(CLVCustomer(id: log.customers.ids[c], frequency: Double(repeats.count),
                                             recency: Double(lastDay - first), T: Double(endDay - first),
                                             monetary: repeats.isEmpty ? 0 : repeats.reduce(0, +) / Double(repeats.count)))
            if holdoutDay != nil { out.holdoutPurchases.append(Double(days[c].count - calibration.count)) }
        }
        if out.customers.isEmpty { throw .invalid("\(log.source): no customer bought anything on or before \(text(endDay))") }
        return out
    }

    /// Per customer: purchase day → revenue, over lines up to `lastDay` (included).
    static func purchaseDays(_ log: TransactionLog, through lastDay: Int64) -> [[Int64: Double]] {
        var days = [[Int64: Double]](repeating: [:], count: log.customers.count)
        for i in 0..<log.count where log.quantity[i] > 0 {
            let d = day(log.time[i])
            if d <= lastDay { days[Int(log.customer[i])][d, default: 0] += log.quantity[i] * log.unitPrice[i] }
        }
        return days
    }

    /// Days since 1970-01-01 of Unix seconds (UTC, rounding down).
    public static func day(_ t: Int64) -> Int64 { t >= 0 ? t / 86_400 : -((-t + 86_399) / 86_400) }

    /// `YYYY-MM-DD` of a day number.
    public static func text(_ day: Int64) -> String { ChurnFeatureBuilder.day(day * 86_400) }

    /// The table as CSV fields (header `CLVSummary.header`).
    public var rows: [[String]] {
        customers.map { [$0.id, format($0.frequency), format($0.recency), format($0.T), format($0.monetary)] }
    }

    func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)" }
}
