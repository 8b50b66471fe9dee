/// Accumulates interaction rows into the columns of an `InteractionTable`.
struct InteractionTableBuilder {
    private(set) var table = InteractionTable()
    private var eventIndex: [String: UInt8] = [:]
    let file: String

    init(file: String, withTimestamps: Bool, withEvents: Bool) {
        self.file = file
        if withTimestamps { table.timestamps = [] }
        if withEvents { table.events = [] }
    }

    /// The dense index of a user ID given as bytes.
    @inline(__always)
    mutating func user(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.users.intern(String(decoding: bytes, as: UTF8.self))
    }

    /// The dense index of an item ID given as bytes.
    @inline(__always)
    mutating func item(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.items.intern(String(decoding: bytes, as: UTF8.self))
    }

    /// The index of an event type; at most 256 distinct types.
    mutating func event(_ name: String, line: Int, column: Int) throws -> UInt8 {
        if let e = eventIndex[name] { return e }
        guard table.eventTypes.count < 256 else {
            throw DataError.malformed(file: file, line: line, column: column,
                                      message: "more than 256 distinct event types; '\(name)' is one too many")
        }
        let e = UInt8(table.eventTypes.count)
        table.eventTypes.append(name)
        eventIndex[name] = e
        return e
    }

    @inline(__always)
    mutating func append(user: Int32, item: Int32, weight: Float, timestamp: Int64?, event: UInt8?) {
        table.userIndices.append(user)
        table.itemIndices.append(item)
        table.weights.append(weight)
        if let timestamp { table.timestamps?.append(timestamp) }
        if let event { table.events?.append(event) }
    }
}
