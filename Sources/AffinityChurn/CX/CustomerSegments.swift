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

    /// Each customer's RFM segment as of the day after the last transaction ("no purchase" if none).
    public static func rfm(_ log: TransactionLog) -> @Sendable (Int32) -> String {
        var byID: [String: String] = [:]
        for r in RFMSegments.compute(log, asOf: dayAfterLast(log)) { byID[r.customerID] = r.segment }
        let names = log.customers.ids.map { byID[$0] ?? "no purchase" }
        return { names[Int($0)] }
    }

    /// Midnight UTC after the last transaction.
    public static func dayAfterLast(_ log: TransactionLog) -> Int64 {
        let last = log.lastTime ?? 0
        return (last / 86_400 + 1) * 86_400
    }
}
