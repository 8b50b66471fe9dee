/// What one `SharedEventLog.poll` read: records above the caller's watermark and the new watermark.
public struct TailBatch: Sendable, Equatable {
    /// Events and tombstones, oldest first; some may have been applied already (the caller skips those).
    public var records: [LogRecord]
    /// Every record with `seq <= covered` that will ever commit is in `records` or at or below the
    /// watermark the poll started from.
    public var covered: UInt64

    public init(records: [LogRecord], covered: UInt64) {
        self.records = records
        self.covered = covered
    }
}
