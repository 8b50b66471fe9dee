import AffinityData

/// Survey measures: NPS = % promoters (9–10) − % detractors (0–6) of 0–10 answers;
/// CSAT = % of 1–5 answers that are 4 or 5; CES = mean effort score (1–7).
public struct SurveyMetrics: Sendable, Codable, Equatable {
    public var period: String
    /// The answers' dates cover only part of the period (as in `PeriodMetrics`); false for "all".
    public var partial: Bool
    public var responses: Int
    public var nps: Double?
    public var npsResponses: Int
    public var csat: Double?
    public var csatResponses: Int
    public var ces: Double?
    public var cesResponses: Int

    enum CodingKeys: String, CodingKey {
        case period, partial, responses, nps, npsResponses = "nps_responses", csat, csatResponses = "csat_responses"
        case ces, cesResponses = "ces_responses"
    }

    /// Reads a survey CSV with any of the columns `nps`, `csat`, `ces` (blanks skipped) and
    /// an optional `date`. Returns the overall row ("all") and, with `unit` and dates, one per period,
    /// each marked `partial` when the answers' dates cover only part of it.
    public static func read(path: String, unit: PeriodUnit?) throws -> [SurveyMetrics] {
        let reader = try CSVReader(path: path)
        let columns = ["nps", "csat", "ces"].map { reader.columnIndexIfPresent($0) }
        if columns.allSatisfy({ $0 == nil }) {
            throw ChurnError.missingColumn(file: path, column: "nps, csat or ces", available: reader.header)
        }
        let ranges: [ClosedRange<Double>] = [0...10, 1...5, 1...7]
        let dateColumn = reader.columnIndexIfPresent("date")
        var groups: [String: [[Double]]] = ["all": [[], [], []]]
        var starts: [String: Int64] = [:]
        var first = Int64.max, last = Int64.min
        try reader.forEachRecord { r in
            var keys = ["all"]
            if let unit, let d = dateColumn {
                let t = try r.timestamp(d, name: "date")
                first = min(first, t)
                last = max(last, t)
                let start = unit.start(containing: t), key = unit.label(start)
                starts[key] = start
                keys.append(key)
            }
            for (k, c) in columns.enumerated() {
                guard let c, !r.isEmpty(c) else { continue }
                let v = try r.double(c, name: ["nps", "csat", "ces"][k])
                guard ranges[k].contains(v) else {
                    throw r.error(column: c, "column '\(["nps", "csat", "ces"][k])' must be between \(ranges[k].lowerBound) and \(ranges[k].upperBound); got \(r.quotedValue(c))")
                }
                for key in keys { groups[key, default: [[], [], []]][k].append(v) }
            }
        }
        return groups.keys.sorted { $0 == "all" ? true : ($1 == "all" ? false : $0 < $1) }.map { key in
            let g = groups[key]!
            let nps = g[0].isEmpty ? nil : 100 * Double(g[0].filter { $0 >= 9 }.count - g[0].filter { $0 <= 6 }.count) / Double(g[0].count)
            let csat = g[1].isEmpty ? nil : 100 * Double(g[1].filter { $0 >= 4 }.count) / Double(g[1].count)
            let ces = g[2].isEmpty ? nil : g[2].reduce(0, +) / Double(g[2].count)
            let partial = unit.flatMap { u in starts[key].map { $0 < first || u.next(after: $0) > last } } ?? false
            return SurveyMetrics(period: key, partial: partial, responses: g.map(\.count).max() ?? 0, nps: nps, npsResponses: g[0].count,
                                 csat: csat, csatResponses: g[1].count, ces: ces, cesResponses: g[2].count)
        }
    }
}
