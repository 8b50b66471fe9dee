/// Customer-base flows per period: the numbers marketers report.
///
/// A customer is active from a purchase until `lapseDays` pass without another one.
/// For a period (P0, P1]: start = active at P0; new = became active in the period (first
/// purchase, or return after lapsing: `reactivated`); lost = lapsed in the period;
/// end = start + new − lost (active at P1). churn rate = lost / start; retention rate =
/// (end − new) / start × 100. Lapses past the end of the data are not counted as lost.
///
/// The rates are not computed (nil) for a warm-up period, which starts less than `lapseDays`
/// after the first transaction (customers active from before the data are unknown, and no
/// one can have lapsed yet, so churn would read 0 by construction), for a partial period (the
/// data covers only part of it), and when no customer was active at the start.
public struct PeriodMetrics: Sendable, Codable, Equatable {
    public var period: String
    public var segment: String
    public var customersStart: Int
    public var new: Int
    public var reactivated: Int
    public var lost: Int
    public var customersEnd: Int
    /// nil when not computed (see the type's documentation).
    public var churnRate: Double?
    public var retentionRate: Double?
    /// The period starts less than `lapseDays` after the first transaction.
    public var warmUp: Bool
    /// The data covers only part of the period (the first and last periods, usually).
    public var partial: Bool

    enum CodingKeys: String, CodingKey {
        case period, segment, customersStart = "customers_start", new, reactivated, lost, partial
        case customersEnd = "customers_end", churnRate = "churn_rate", retentionRate = "retention_rate", warmUp = "warm_up"
    }

    /// Rows for every period the data overlaps, for all customers ("all") and then each segment.
    /// `segmentOf` maps a customer index and a period start to the customer's segment at that
    /// time (nil: no per-segment rows); a span is counted in its customer's segment as of the
    /// start of each period.
    public static func compute(_ log: TransactionLog, unit: PeriodUnit, lapseDays: Int,
                               segmentOf: ((_ customer: Int32, _ periodStart: Int64) -> String)? = nil) throws(ChurnError) -> [PeriodMetrics] {
        guard (1...3650).contains(lapseDays) else {
            throw .invalidParameter(field: "lapseDays", expected: "between 1 and 3650", got: "\(lapseDays)")
        }
        guard let first = log.firstTime, let last = log.lastTime else { throw .emptyInput(file: log.source) }
        let periods = unit.coveringPeriods(from: first, to: last)
        let base = CustomerBase(log, lapseDays: lapseDays)
        var counts = ["all": [[Int]](repeating: [0, 0, 0, 0], count: periods.count)]   // segment → period → [start, new, reactivated, lost]
        for span in base.spans {
            for (k, p) in periods.enumerated() {
                var delta = [0, 0, 0, 0]
                if span.start <= p.start && p.start < span.end { delta[0] = 1 }
                if p.start < span.start && span.start <= p.end { delta[1] = 1; if !span.isFirst { delta[2] = 1 } }
                if p.start < span.end && span.end <= p.end { delta[3] = 1 }
                if delta == [0, 0, 0, 0] { continue }
                var keys = ["all"]
                if let segmentOf { keys.append(segmentOf(span.customer, p.start)) }
                for key in keys {
                    if counts[key] == nil { counts[key] = [[Int]](repeating: [0, 0, 0, 0], count: periods.count) }
                    for j in 0..<4 { counts[key]![k][j] += delta[j] }
                }
            }
        }
        let warmUpEnd = first + Int64(lapseDays) * 86_400
        var rows: [PeriodMetrics] = []
        for s in ["all"] + counts.keys.filter({ $0 != "all" }).sorted() {
            for (k, p) in periods.enumerated() {
                let c = counts[s]![k], end = c[0] + c[1] - c[3]
                let warmUp = p.start < warmUpEnd
                let computed = c[0] > 0 && !warmUp && !p.partial
                rows.append(PeriodMetrics(period: unit.label(p.start), segment: s, customersStart: c[0], new: c[1],
                                          reactivated: c[2], lost: c[3], customersEnd: end,
                                          churnRate: computed ? Double(c[3]) / Double(c[0]) : nil,
                                          retentionRate: computed ? Double(end - c[1]) / Double(c[0]) * 100 : nil,
                                          warmUp: warmUp, partial: p.partial))
            }
        }
        return rows
    }
}
