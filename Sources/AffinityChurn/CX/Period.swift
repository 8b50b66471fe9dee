import AffinityData
import Foundation

/// Calendar periods for CX metrics (UTC): weeks start on Monday.
public enum PeriodUnit: String, Sendable, Codable, CaseIterable {
    case week, month, quarter

    /// The start of the period containing `t`.
    public func start(containing t: Int64) -> Int64 {
        let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        switch self {
        case .week:
            return (day - ((day + 3) % 7 + 7) % 7) * 86_400
        case .month, .quarter:
            let iso = TimestampParser.iso8601(t)
            let year = Int(iso.prefix(4)) ?? 1970
            var month = Int(iso.dropFirst(5).prefix(2)) ?? 1
            if self == .quarter { month = (month - 1) / 3 * 3 + 1 }
            return TimestampParser.parse(String(format: "%04d-%02d-01", year, month)) ?? t
        }
    }

    /// The start of the period after the one starting at `start`.
    public func next(after start: Int64) -> Int64 {
        switch self {
        case .week: return start + 7 * 86_400
        case .month: return self.start(containing: start + 32 * 86_400)
        case .quarter: return self.start(containing: start + 93 * 86_400)
        }
    }

    /// A label: `2011-03` (month), `2011-Q1` (quarter), `2011-03-07` (week start).
    public func label(_ start: Int64) -> String {
        let iso = TimestampParser.iso8601(start)
        switch self {
        case .week: return String(iso.prefix(10))
        case .month: return String(iso.prefix(7))
        case .quarter: return "\(iso.prefix(4))-Q\(((Int(iso.dropFirst(5).prefix(2)) ?? 1) - 1) / 3 + 1)"
        }
    }

    /// Every period that overlaps [first, last], in order, with whether the data covers only part
    /// of it (it starts before `first` or ends after `last`).
    public func coveringPeriods(from first: Int64, to last: Int64) -> [(start: Int64, end: Int64, partial: Bool)] {
        var out: [(Int64, Int64, Bool)] = []
        var s = start(containing: first)
        while s <= last {
            let e = next(after: s)
            out.append((s, e, s < first || e > last))
            s = e
        }
        return out
    }

    /// Complete periods inside [first, last] as (start, end) pairs.
    public func periods(from first: Int64, to last: Int64) -> [(start: Int64, end: Int64)] {
        var out: [(Int64, Int64)] = []
        var s = start(containing: first)
        if s < first { s = next(after: s) }
        while true {
            let e = next(after: s)
            if e > last { break }
            out.append((s, e))
            s = e
        }
        return out
    }
}
