import AffinityNumerics

/// Summary of a loaded interaction file; the `--json` form of `affinity data stats`.
///
/// JSON keys: `rows`, `skipped` (reason → count), `skipped_first_lines` (reason → line numbers),
/// `rows_kept`, `interaction_rows` (table rows after merging repeated lines: a preset such as
/// online-retail keeps one row per (customer, item, invoice), so several kept lines can make one
/// row; `events` counts these rows), `negative_weight_rows`, `users`, `items`, `nnz`, `density`, `events` (type → count), `time_range`
/// (`{"min","max"}` as ISO-8601 UTC, or null without timestamps), `file`.
public struct InteractionStats: Sendable, Equatable, Codable {
    public struct TimeRange: Sendable, Equatable, Codable {
        public var min: String
        public var max: String

        public init(min: String, max: String) {
            self.min = min
            self.max = max
        }
    }

    public var file: String
    /// Data records read.
    public var rows: Int
    public var rowsKept: Int
    /// Rows of the interaction table: `rowsKept` less the kept lines merged into an earlier row.
    public var interactionRows: Int
    /// Kept rows with a negative weight (negative feedback).
    public var negativeWeightRows: Int
    public var skipped: [String: Int]
    public var skippedFirstLines: [String: [Int]]
    public var users: Int
    public var items: Int
    /// Distinct (user, item) pairs.
    public var nnz: Int
    /// nnz / (users × items), 0 when empty.
    public var density: Double
    /// Table rows per event type.
    public var events: [String: Int]
    public var timeRange: TimeRange?

    enum CodingKeys: String, CodingKey {
        case file, rows, skipped, users, items, nnz, density, events
        case rowsKept = "rows_kept", interactionRows = "interaction_rows", negativeWeightRows = "negative_weight_rows"
        case skippedFirstLines = "skipped_first_lines"
        case timeRange = "time_range"
    }

    public init(_ loaded: LoadedInteractions) {
        let table = loaded.table
        let report = loaded.report
        file = report.file
        rows = report.rowsRead
        rowsKept = report.rowsKept
        interactionRows = table.count
        negativeWeightRows = report.negativeWeightRows
        skipped = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.key.rawValue, $0.value.count) })
        skippedFirstLines = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.key.rawValue, $0.value.firstLines) })
        users = table.users.count
        items = table.items.count
        nnz = table.csr().nnz
        let cells = Double(users) * Double(items)
        density = cells > 0 ? Double(nnz) / cells : 0
        var counts = [Int](repeating: 0, count: table.eventTypes.count)
        for e in table.events ?? [] { counts[Int(e)] += 1 }
        events = Dictionary(zip(table.eventTypes, counts), uniquingKeysWith: +)
        if let times = table.timestamps, let lo = times.min(), let hi = times.max() {
            timeRange = TimeRange(min: TimestampParser.iso8601(lo), max: TimestampParser.iso8601(hi))
        } else {
            timeRange = nil
        }
    }

    // Encode `time_range` as an explicit null when absent, so the key is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(rows, forKey: .rows)
        try c.encode(rowsKept, forKey: .rowsKept)
        try c.encode(interactionRows, forKey: .interactionRows)
        try c.encode(negativeWeightRows, forKey: .negativeWeightRows)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(skippedFirstLines, forKey: .skippedFirstLines)
        try c.encode(users, forKey: .users)
        try c.encode(items, forKey: .items)
        try c.encode(nnz, forKey: .nnz)
        try c.encode(density, forKey: .density)
        try c.encode(events, forKey: .events)
        try c.encode(timeRange, forKey: .timeRange)
    }
}
