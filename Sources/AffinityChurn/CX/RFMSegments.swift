import AffinityData

/// RFM segmentation: recency, frequency and monetary value scored 1–5 by quintile, then
/// named by the recency and frequency scores.
public struct CustomerRFM: Sendable, Codable, Equatable {
    public var customerID: String
    public var recencyDays: Double
    public var frequency: Int
    public var monetary: Double
    public var r: Int, f: Int, m: Int
    public var segment: String

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id", recencyDays = "recency_days", frequency, monetary, r, f, m, segment
    }
}

public enum RFMSegments {
    /// Segment names by R (rows, 5 = most recent) and F (columns, 5 = most frequent):
    /// R 4–5: F 4–5 champions, F 2–3 potential loyalists, F 1 new customers;
    /// R 3: F 4–5 loyal customers, else needs attention;
    /// R 2: F 3–5 at risk, else about to sleep; R 1: F 3–5 at risk, else hibernating.
    public static func name(r: Int, f: Int) -> String {
        switch (r, f) {
        case (4...5, 4...5): return "champions"
        case (4...5, 2...3): return "potential loyalists"
        case (4...5, _): return "new customers"
        case (3, 4...5): return "loyal customers"
        case (3, _): return "needs attention"
        case (_, 3...5): return "at risk"
        case (2, _): return "about to sleep"
        default: return "hibernating"
        }
    }

    /// Scores 1–5 by rank: the lowest fifth gets 1. Tied values share the score of their first rank.
    static func quintiles(_ values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var scores = [Int](repeating: 1, count: values.count)
        var firstRank = 0
        for (rank, i) in order.enumerated() {
            if rank > 0 && values[i] != values[order[rank - 1]] { firstRank = rank }
            scores[i] = 1 + 5 * firstRank / max(values.count, 1)
        }
        return scores
    }

    /// One row per customer with a purchase before `asOf`, ordered by customer ID.
    public static func compute(_ log: TransactionLog, asOf: Int64) -> [CustomerRFM] {
        let activity = CustomerActivity.collect(log, cutoff: asOf, horizonEnd: asOf)
        let customers = activity.indices.filter { activity[$0].hasPurchase }
            .sorted { log.customers.ids[$0] < log.customers.ids[$1] }
        let recency = customers.map { Double(asOf - activity[$0].last) / 86_400 }
        let frequency = customers.map { Double(activity[$0].invoices.count) }
        let monetary = customers.map { activity[$0].monetary }
        let r = quintiles(recency).map { 6 - $0 }, f = quintiles(frequency), m = quintiles(monetary)
        return customers.indices.map { k in
            CustomerRFM(customerID: log.customers.ids[customers[k]], recencyDays: recency[k], frequency: Int(frequency[k]),
                        monetary: monetary[k], r: r[k], f: f[k], m: m[k], segment: name(r: r[k], f: f[k]))
        }
    }
}
