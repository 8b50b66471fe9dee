/// What an event log keeps in memory about its records: bounded by users, not by events. The events
/// themselves stay on disk (`FileEventLog`) and are read back by `scanEvents(after:_:)`.
/// Shared by `FileEventLog`, `MemoryEventLog` and `EventLogReader`; not thread-safe (owners hold a lock).
struct EventIndex: Sendable {
    /// Each forgotten user's latest tombstone: their events with a lower sequence number are gone.
    private(set) var tombstones: [String: UInt64] = [:]
    private(set) var lastSeq: UInt64 = 0

    /// Notes a record read or written in sequence order.
    mutating func apply(_ record: LogRecord) {
        lastSeq = max(lastSeq, record.seq)
        if case .tombstone(let seq, let user, _) = record { tombstones[user] = max(seq, tombstones[user] ?? 0) }
    }

    /// False when a tombstone of the event's user came after it (the event is forgotten).
    func isLive(_ e: LoggedEvent) -> Bool {
        guard let forgottenAt = tombstones[e.user] else { return true }
        return e.seq > forgottenAt
    }

    /// The live events among `records`, in their order.
    func liveEvents(_ records: [LogRecord]) -> [LoggedEvent] {
        records.compactMap { if case .event(let e) = $0, isLive(e) { return e } else { return nil } }
    }
}
