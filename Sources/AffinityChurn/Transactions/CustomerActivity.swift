import AffinityData
/// Per-customer aggregates of a transaction log before a point in time. `monetary` is the
/// revenue of purchases net of returns (negative quantities).
struct CustomerActivity {
    var first = Int64.max, last = Int64.min
    var invoices = Set<Int32>(), items = Set<Int32>()
    var monetary = 0.0, units = 0.0, returnedUnits = 0.0
    var countryCounts: [Int32: Int] = [:]
    var recentInvoices = Set<Int32>()
    var purchasedInHorizon = false

    var hasPurchase: Bool { !invoices.isEmpty }

    /// Aggregates lines before `cutoff`; marks purchases in [cutoff, horizonEnd).
    static func collect(_ log: TransactionLog, cutoff: Int64, horizonEnd: Int64, recentDays: Int64 = 90) -> [CustomerActivity] {
        var out = [CustomerActivity](repeating: CustomerActivity(), count: log.customers.count)
        for i in 0..<log.count {
            let c = Int(log.customer[i]), t = log.time[i], q = log.quantity[i]
            if t >= cutoff {
                if q > 0 && t < horizonEnd { out[c].purchasedInHorizon = true }
                continue
            }
            out[c].countryCounts[log.country[i], default: 0] += 1
            if q > 0 {
                out[c].first = min(out[c].first, t)
                out[c].last = max(out[c].last, t)
                out[c].invoices.insert(log.invoice[i])
                out[c].items.insert(log.item[i])
                out[c].monetary += q * log.unitPrice[i]
                out[c].units += q
                if t >= cutoff - recentDays * 86_400 { out[c].recentInvoices.insert(log.invoice[i]) }
            } else if q < 0 {
                out[c].returnedUnits += -q
                out[c].monetary += q * log.unitPrice[i]
            }
        }
        return out
    }

    /// The most frequent country (ties: the first seen in the log's country list).
    func country(_ log: TransactionLog) -> String {
        guard let best = countryCounts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return "" }
        return log.countries[best.key]
    }
}
