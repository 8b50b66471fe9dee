/// `stats.store`: how far this replica has followed the shared event store (docs/FLEET.md).
public struct StoreStatus: Codable, Sendable, Equatable {
    /// `--replica-name` (absent when not given).
    public var replica: String?
    /// Every event and tombstone with a sequence number up to this is reflected here; some above it may be too.
    public var appliedSeq: UInt64
    /// Milliseconds since the oldest commit notification this replica has not yet caught up with
    /// (0 when caught up); while the store cannot be read, milliseconds since the last successful read.
    public var lagMs: Double
    /// False while the last read of the store failed (feedback then gets `unavailable`).
    public var reachable: Bool

    enum CodingKeys: String, CodingKey {
        case replica, reachable
        case appliedSeq = "applied_seq"
        case lagMs = "lag_ms"
    }

    public init(replica: String?, appliedSeq: UInt64, lagMs: Double, reachable: Bool) {
        self.replica = replica
        self.appliedSeq = appliedSeq
        self.lagMs = lagMs
        self.reachable = reachable
    }
}
