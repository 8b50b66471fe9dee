/// A column the loader reads when present; `required` makes its absence an error.
public struct OptionalColumn: Sendable, Equatable {
    public var name: String
    public var required: Bool

    public init(_ name: String, required: Bool = false) {
        self.name = name
        self.required = required
    }
}

/// Column names for a generic interaction CSV.
public struct InteractionColumns: Sendable, Equatable {
    public var user: String
    public var item: String
    /// Absent → every row has weight 1.
    public var weight: OptionalColumn
    public var timestamp: OptionalColumn
    public var event: OptionalColumn

    public init(user: String = "user", item: String = "item", weight: OptionalColumn = OptionalColumn("weight"),
                timestamp: OptionalColumn = OptionalColumn("timestamp"), event: OptionalColumn = OptionalColumn("event")) {
        self.user = user
        self.item = item
        self.weight = weight
        self.timestamp = timestamp
        self.event = event
    }
}

/// Everything `InteractionLoader` needs to turn a file into an `InteractionTable`.
public struct InteractionLoadOptions: Sendable, Equatable {
    /// nil → generic CSV with `columns`.
    public var preset: DatasetPreset?
    public var columns: InteractionColumns
    /// MovieLens: ratings at or above this are positives.
    public var minRating: Double
    /// nil → detect from the header (presets fix their own).
    public var delimiter: UInt8?
    public var bufferSize: Int
    /// The longest user or item ID accepted, in UTF-8 bytes; a longer one is an error naming file and line.
    public var maxIDBytes = InteractionLoadOptions.defaultMaxIDBytes

    public static let defaultMinRating = 4.0
    public static let defaultMaxIDBytes = 256
    /// The largest `maxIDBytes` allowed (1 MiB).
    public static let maxIDBytesLimit = 1 << 20

    public init(preset: DatasetPreset? = nil, columns: InteractionColumns = InteractionColumns(),
                minRating: Double = InteractionLoadOptions.defaultMinRating, delimiter: UInt8? = nil, bufferSize: Int = 1 << 20) {
        self.preset = preset
        self.columns = columns
        self.minRating = minRating
        self.delimiter = delimiter
        self.bufferSize = bufferSize
    }

    /// Throws `DataError.invalid` naming the setting, its allowed range and the value.
    public func validate() throws {
        guard minRating.isFinite, (0...1_000_000).contains(minRating) else {
            throw DataError.invalid("min-rating must be a finite number between 0 and 1000000; got \(minRating)")
        }
        guard (1...Self.maxIDBytesLimit).contains(maxIDBytes) else {
            throw DataError.invalid("max-id-bytes must be between 1 and \(Self.maxIDBytesLimit); got \(maxIDBytes)")
        }
        guard bufferSize >= 1 else { throw DataError.invalid("buffer size must be at least 1 byte; got \(bufferSize)") }
        let names = [columns.user, columns.item, columns.weight.name, columns.timestamp.name, columns.event.name]
        for name in names where name.isEmpty { throw DataError.invalid("column names must not be empty; got an empty name for one of the user/item/weight/timestamp/event columns") }
        guard columns.user != columns.item else {
            throw DataError.invalid("the user and item columns must differ; both are '\(columns.user)'")
        }
    }
}
