/// Customer-base flows per period: the numbers marketers report.
///
/// A customer is active from a purchase until `lapseDays` pass without another one.
/// For a period (P0, P1]: start = active at P0; new = became active in the period (first
/// purchase, or return after lapsing: `reactivated`); lost = lapsed in the period;
/// end = start + new − lost (active at P1). churn rate = lost / start; retention rate =
/// (end − new) / start × 100. Lapses past the end of the data are not counted as lost.
public struct PeriodMetrics: Sendable, Codable, Equatable {
    public var period: String
    public var segment: String
    public var customersStart: Int
    public var new: Int
    public var reactivated: Int
    public var lost: Int
    public var customersEnd: Int
    /// nil when no customer was active at the start.
    public var churnRate: Double?
    public var retentionRate: Double?

    enum CodingKeys: String, CodingKey {
        case period, segment, customersStart = "customers_start", new, reactivated, lost
        case customersEnd = "customers_end", churnRate = "churn_rate", retentionRate = "retention_rate"
    }

    /// Rows for every complete period, for all customers ("all") and then each segment.
    /// `segmentOf` maps a customer index to its segment name (nil: no per-segment rows).
    public static func compute(_ log: TransactionLog, unit: PeriodUnit, lapseDays: Int,
                               segmentOf: ((Int32) -> String)? = nil) throws(ChurnError) -> [PeriodMetrics] {
        guard (1...3650).contains(lapseDays) else {
            throw .invalidParameter(field: "lapseDays", expected: "between 1 and 3650", got: "\(lapseDays)")
        }
        guard let first = log.firstTime, let last = log.lastTime else { throw .emptyInput(file: log.source) }
        let periods = unit.periods(from: first, to: last)
        let base = CustomerBase(log, lapseDays: lapseDays)
        var segments = ["all"]
        if let segmentOf { segments += Set(base.spans.map { segmentOf($0.customer) }).sorted() }
        var counts = [String: [[Int]]]()   // segment → period → [start, new, reactivated, lost]
        for s in segments { counts[s] = [[Int]](repeating: [0, 0, 0, 0], count: periods.count) }
        for span in base.spans {
            let keys = segmentOf.map { ["all", $0(span.customer)] } ?? ["all"]
            for (k, p) in periods.enumerated() {
                var delta = [0, 0, 0, 0]
                if span.start <= p.start && p.start < span.end { delta[0] = 1 }
                if p.start < span.start && span.start <= p.end { delta[1] = 1; if !span.isFirst { delta[2] = 1 } }
                if p.start < span.end && span.end <= p.end { delta[3] = 1 }
                if delta == [0, 0, 0, 0] { continue }
                for key in keys { for j in 0..<4 { counts[key]![k][j] += delta[j] } }
            }
        }
        var rows: [PeriodMetrics] = []
        for s in segments {
            for (k, p) in periods.enumerated() {
                let c = counts[s]![k], end = c[0] + c[1] - c[3]
                rows.append(PeriodMetrics(period: unit.label(p.start), segment: s, customersStart: c[0], new: c[1],
                                          reactivated: c[2], lost: c[3], customersEnd: end,
                                          churnRate: c[0] > 0 ? Double(c[3]) / Double(c[0]) : nil,
                                          retentionRate: c[0] > 0 ? Double(end - c[1]) / Double(c[0]) * 100 : nil))
            }
        }
        return rows
    }
}
