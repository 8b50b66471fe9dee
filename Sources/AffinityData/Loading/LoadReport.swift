/// Why a row was left out of an `InteractionTable`.
public enum SkipReason: String, CaseIterable, Sendable, Codable, Comparable {
    case missingUser = "missing_user"
    case missingItem = "missing_item"
    case cancellation
    case nonPositiveQuantity = "non_positive_quantity"
    case belowMinRating = "below_min_rating"
    case unusedEventType = "unused_event_type"

    public static func < (a: SkipReason, b: SkipReason) -> Bool { a.rawValue < b.rawValue }
}

/// Rows skipped for one reason: how many and where the first few are.
public struct SkippedRows: Sendable, Equatable {
    public var count = 0
    /// The first `LoadReport.listedLines` line numbers.
    public var firstLines: [Int] = []

    public init(count: Int = 0, firstLines: [Int] = []) {
        self.count = count
        self.firstLines = firstLines
    }
}

/// What a load read, kept and skipped.
public struct LoadReport: Sendable, Equatable {
    /// How many line numbers each skip reason lists.
    public static let listedLines = 5

    public var file: String
    /// Data records read (header and blank lines excluded).
    public var rowsRead = 0
    /// Records that passed every filter.
    public var rowsKept = 0
    public var skipped: [SkipReason: SkippedRows] = [:]
    /// Kept rows with a negative weight: negative feedback (docs/FORMATS.md).
    public var negativeWeightRows = 0

    public init(file: String) { self.file = file }

    /// Total rows skipped over all reasons.
    public var rowsSkipped: Int { skipped.values.reduce(0) { $0 + $1.count } }

    mutating func skip(_ reason: SkipReason, line: Int) {
        var entry = skipped[reason] ?? SkippedRows()
        entry.count += 1
        if entry.firstLines.count < LoadReport.listedLines { entry.firstLines.append(line) }
        skipped[reason] = entry
    }
}
