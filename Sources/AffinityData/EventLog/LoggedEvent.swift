/// A feedback event before it has a sequence number.
public struct NewEvent: Sendable, Equatable {
    public var user: String
    public var item: String
    public var event: String
    public var weight: Float
    /// Unix seconds.
    public var timestamp: Int64

    public init(user: String, item: String, event: String, weight: Float, timestamp: Int64) {
        self.user = user
        self.item = item
        self.event = event
        self.weight = weight
        self.timestamp = timestamp
    }
}

/// A durable feedback event with its log sequence number (1, 2, 3, … in append order).
public struct LoggedEvent: Sendable, Equatable {
    public var seq: UInt64
    public var user: String
    public var item: String
    public var event: String
    public var weight: Float
    public var timestamp: Int64

    public init(seq: UInt64, _ e: NewEvent) {
        self.seq = seq
        user = e.user
        item = e.item
        event = e.event
        weight = e.weight
        timestamp = e.timestamp
    }
}

/// One record of the log: an event, or a tombstone that forgets every earlier event of a user.
public enum LogRecord: Sendable, Equatable {
    case event(LoggedEvent)
    case tombstone(seq: UInt64, user: String, timestamp: Int64)

    public var seq: UInt64 {
        switch self {
        case .event(let e): e.seq
        case .tombstone(let seq, _, _): seq
        }
    }
}

/// What opening a log found.
public struct EventLogOpenReport: Sendable, Equatable {
    /// Records read (events and tombstones).
    public var records: Int
    /// Bytes of an incomplete final record that were cut off (a crash mid-write; never acknowledged).
    public var tornBytesTruncated: Int

    public init(records: Int = 0, tornBytesTruncated: Int = 0) {
        self.records = records
        self.tornBytesTruncated = tornBytesTruncated
    }
}

/// When `FileEventLog` calls fsync.
public enum FsyncPolicy: String, Sendable, CaseIterable {
    /// fsync as soon as anything is pending; events arriving during one fsync share the next.
    case always
    /// Wait up to the batch window for more events, then one fsync covers them all.
    case batch
}
