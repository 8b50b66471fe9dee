import AffinityData

/// When each customer counts as active: from a purchase until `lapseDays` pass without
/// another one. Spans of activity are what the period metrics count.
struct CustomerBase {
    struct Span {
        var customer: Int32
        var start: Int64
        /// `Int64.max` when the lapse would end after the data (censored: not lost).
        var end: Int64
        var isFirst: Bool
    }

    var spans: [Span] = []

    init(_ log: TransactionLog, lapseDays: Int) {
        let lapse = Int64(lapseDays) * 86_400
        let dataEnd = log.lastTime ?? 0
        var times = [[Int64]](repeating: [], count: log.customers.count)
        for i in 0..<log.count where log.quantity[i] > 0 { times[Int(log.customer[i])].append(log.time[i]) }
        for (c, ts) in times.enumerated() where !ts.isEmpty {
            let sorted = ts.sorted()
            var start = sorted[0], end = sorted[0] + lapse, first = true
            for t in sorted.dropFirst() {
                if t < end { end = t + lapse; continue }
                spans.append(Span(customer: Int32(c), start: start, end: end, isFirst: first))
                start = t; end = t + lapse; first = false
            }
            spans.append(Span(customer: Int32(c), start: start, end: end > dataEnd ? .max : end, isFirst: first))
        }
    }
}
