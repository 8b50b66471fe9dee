import Foundation

extension InteractionWeighting {
    /// `table` filtered by `events`, reweighted by `eventWeights`, then decayed by `halfLifeDays`
    /// (in that order; rows stay in file order). Pairs are not summed here: `InteractionTable.csr()`
    /// sums them afterwards, and a weight transform applies to those sums.
    ///
    /// An event name is known when `base` (the preset's table) has it or it occurs in `table`.
    /// - Parameters: `base`: the table the names are checked against; `file`: named in errors.
    /// - Throws: `DataError.invalid` naming the flag: an unknown event name, no event column for
    ///   `--events`/`--event-weights`, no timestamps for `--half-life-days`, a bad value.
    public func apply(to table: InteractionTable, base: EventWeights, file: String) throws -> InteractionTable {
        try validate()
        guard !isIdentity else { return table }
        var out = table
        if events != nil || !eventWeights.isEmpty { out = try reweightingEvents(out, base: base, file: file) }
        if let halfLifeDays {
            guard let times = out.timestamps else {
                throw DataError.invalid("--half-life-days needs timestamps; \(file) has none (name its time column with --time-col, or drop --half-life-days)")
            }
            let reference = times.max() ?? 0
            for r in 0..<out.count { out.weights[r] *= Self.decay(age: reference - times[r], halfLifeDays: halfLifeDays) }
        }
        return out
    }

    /// 0.5^(age / (D·86400)) for an age in seconds; 1 at age 0.
    public static func decay(age seconds: Int64, halfLifeDays: Double) -> Float {
        Float(exp2(-Double(seconds) / (halfLifeDays * 86_400)))
    }

    private func reweightingEvents(_ table: InteractionTable, base: EventWeights, file: String) throws -> InteractionTable {
        let flag = events != nil ? "--events" : "--event-weights"
        guard let rowEvents = table.events else {
            throw DataError.invalid("\(flag) needs an event column; \(file) has none (name it with --event-col, or use a preset with event types such as rees46)")
        }
        let known = Set(base.byEvent.keys).union(table.eventTypes)
        let listed = [("--event-weights", eventWeights.keys.sorted()), ("--events", events ?? [])]
        for (name, values) in listed {
            for value in values where !known.contains(value) {
                throw DataError.invalid("\(name): unknown event type '\(value)'; known types: \(known.sorted().joined(separator: ", ")) (the preset's table and the event column of \(file))")
            }
        }
        let keep = events.map { Set($0) }
        var rows: [Int] = []
        rows.reserveCapacity(table.count)
        for r in 0..<table.count where keep?.contains(table.eventTypes[Int(rowEvents[r])]) ?? true { rows.append(r) }
        var out = rows.count == table.count ? table : table.selecting(rows: rows)
        if !eventWeights.isEmpty, let kept = out.events {
            let byType = out.eventTypes.map { eventWeights[$0] }
            for r in 0..<out.count { if let w = byType[Int(kept[r])] { out.weights[r] = w } }
        }
        return out
    }
}
