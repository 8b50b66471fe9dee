import AffinityData

/// Segment assignments for per-segment CX metrics.
public enum CustomerSegments {
    /// Each customer's most frequent country.
    public static func country(_ log: TransactionLog) -> @Sendable (Int32) -> String {
        var counts = [[Int32: Int]](repeating: [:], count: log.customers.count)
        for i in 0..<log.count { counts[Int(log.customer[i])][log.country[i], default: 0] += 1 }
        let names = counts.map { c in
            c.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }).map { log.countries[$0.key] } ?? ""
        }
        return { names[Int($0)] }
    }

    /// Each customer's RFM segment as of the start of each period of `unit` that the data overlaps
    /// ("no purchase yet" before the first one), for `PeriodMetrics.compute`: a segment taken at the
    /// end of the data would make "hibernating" customers churn by construction.
    public static func rfmAtPeriodStarts(_ log: TransactionLog, unit: PeriodUnit) -> @Sendable (Int32, Int64) -> String {
        guard let first = log.firstTime, let last = log.lastTime else { return { _, _ in "no purchase yet" } }
        var byStart: [Int64: [String]] = [:]
        for p in unit.coveringPeriods(from: first, to: last) {
            byStart[p.start] = rfmNames(log, asOf: p.start, none: "no purchase yet")
        }
        let table = byStart
        return { customer, start in table[start]?[Int(customer)] ?? "no purchase yet" }
    }

    /// Segment names by customer index as of `asOf`; `none` for customers without a purchase before it.
    static func rfmNames(_ log: TransactionLog, asOf: Int64, none: String) -> [String] {
        var byID: [String: String] = [:]
        for r in RFMSegments.compute(log, asOf: asOf) { byID[r.customerID] = r.segment }
        return log.customers.ids.map { byID[$0] ?? none }
    }

    /// Midnight UTC after the last transaction.
    public static func dayAfterLast(_ log: TransactionLog) -> Int64 {
        let last = log.lastTime ?? 0
        return (last / 86_400 + 1) * 86_400
    }
}
