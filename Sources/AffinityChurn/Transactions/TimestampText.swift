import AffinityData

/// Dates for messages and period labels, through AffinityData's calendar.
enum TimestampText {
    static func iso(_ t: Int64) -> String { TimestampParser.iso8601(t) }

    /// Unix seconds of `YYYY-MM-DD` (or any form `TimestampParser` accepts), or nil.
    static func parse(_ text: String) -> Int64? { TimestampParser.parse(text) }
}
