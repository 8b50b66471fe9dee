public import AffinityData

/// What a training or an export reads from the store in one settled snapshot
/// (`PostgresEventLog.settledContents()`): the live events, the tombstones, and a watermark that is
/// safe to record in a model.
public struct StoreContents: Sendable, Equatable {
    /// The live events, by `seq` (forgotten users' events before their tombstone left out).
    public var events: [LoggedEvent]
    /// Each forgotten user's latest tombstone.
    public var forgotten: [String: UInt64]
    /// Every sequence number up to it is in `events`, belongs to a forgotten event or a tombstone, or
    /// will never be committed; every later event has a higher one.
    public var watermark: UInt64

    public init(events: [LoggedEvent], forgotten: [String: UInt64], watermark: UInt64) {
        self.events = events
        self.forgotten = forgotten
        self.watermark = watermark
    }
}
