/// Accumulates interaction rows into the columns of an `InteractionTable`.
struct InteractionTableBuilder {
    private(set) var table = InteractionTable()
    private var eventKeys = ByteInterner(capacity: 16)
    private var userKeys = ByteInterner()
    private var itemKeys = ByteInterner()
    let file: String
    let maxIDBytes: Int

    init(file: String, maxIDBytes: Int = InteractionLoadOptions.defaultMaxIDBytes, withTimestamps: Bool, withEvents: Bool) {
        self.file = file
        self.maxIDBytes = maxIDBytes
        if withTimestamps { table.timestamps = [] }
        if withEvents { table.events = [] }
    }

    /// The dense index of the user ID in `bytes` (field `column` of `record`, possibly normalized).
    @inline(__always)
    mutating func user(_ bytes: UnsafeBufferPointer<UInt8>, _ record: CSVRecord, column: Int) throws -> Int32 {
        let (index, isNew) = userKeys.intern(bytes)
        if isNew {
            let limit = maxIDBytes
            try Self.register(bytes, index, in: &table.users, record, column, what: "user", limit: limit)
        }
        return index
    }

    /// The dense index of the item ID in `bytes` (field `column` of `record`).
    @inline(__always)
    mutating func item(_ bytes: UnsafeBufferPointer<UInt8>, _ record: CSVRecord, column: Int) throws -> Int32 {
        let (index, isNew) = itemKeys.intern(bytes)
        if isNew {
            let limit = maxIDBytes
            try Self.register(bytes, index, in: &table.items, record, column, what: "item", limit: limit)
        }
        return index
    }

    /// Adds a new ID's string to `map`, keeping its index equal to the byte interner's; refuses an ID
    /// longer than `limit` bytes.
    private static func register(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int32, in map: inout IDMap,
                                 _ record: CSVRecord, _ column: Int, what: String, limit: Int) throws {
        guard bytes.count <= limit else {
            throw record.error(column: column, "\(what) ID is \(bytes.count) bytes long; the limit is \(limit) bytes (raise it with --max-id-bytes, up to \(InteractionLoadOptions.maxIDBytesLimit))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw record.error(column: column, "ID is not valid UTF-8; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)")
        }
        let assigned = map.intern(text)
        precondition(assigned == index, "InteractionTableBuilder: ID maps out of step")
    }

    /// The index of an event type; at most 256 distinct types.
    mutating func event(_ name: String, line: Int, column: Int) throws -> UInt8 {
        var copy = name
        return try copy.withUTF8 { try event(bytes: $0, line: line, column: column) }
    }

    /// The index of the event type in `bytes`; at most 256 distinct types.
    @inline(__always)
    mutating func event(bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws -> UInt8 {
        let (index, isNew) = eventKeys.intern(bytes)
        if isNew {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw DataError.malformed(file: file, line: line, column: column,
                                          message: "event type is not valid UTF-8; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)")
            }
            guard index < 256 else {
                throw DataError.malformed(file: file, line: line, column: column,
                                          message: "more than 256 distinct event types; '\(name)' is one too many")
            }
            table.eventTypes.append(name)
        }
        return UInt8(index)
    }

    @inline(__always)
    /// Interns the record's user and item (from their columns) and appends one interaction.
    mutating func appendRecord(_ r: CSVRecord, userColumn: Int, itemColumn: Int, weight: Float,
                               timestamp: Int64?, event: UInt8?) throws {
        let u = try user(r[userColumn], r, column: userColumn)
        let i = try item(r[itemColumn], r, column: itemColumn)
        append(user: u, item: i, weight: weight, timestamp: timestamp, event: event)
    }

    mutating func append(user: Int32, item: Int32, weight: Float, timestamp: Int64?, event: UInt8?) {
        table.userIndices.append(user)
        table.itemIndices.append(item)
        table.weights.append(weight)
        if let timestamp { table.timestamps?.append(timestamp) }
        if let event { table.events?.append(event) }
    }
}
