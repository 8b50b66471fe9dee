/// The append-only store of feedback events. Acknowledge an event only after its completion succeeded:
/// then it is durable (for `FileEventLog`) and visible to `scanEvents(after:_:)`.
///
/// Completions of successful appends and forgets run in sequence order (a consumer may fold events into
/// order-dependent state from them). Memory held by a log is bounded by users (tombstones), not events:
/// reading events back is a pass over the stored records.
///
/// Implementations: `FileEventLog` (on disk, group commit) and `MemoryEventLog` (tests).
public protocol EventLog: AnyObject, Sendable {
    /// Appends `events` atomically (all or nothing) and calls `completion` once they are durable,
    /// with their sequence numbers. `completion` may run on any thread.
    func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void)

    /// Durably forgets `user`: a tombstone is written and the user's earlier events are removed
    /// (from disk too, for `FileEventLog`). Completes with the number of events removed.
    func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void)

    /// Calls `visit` for every stored event with `seq > after`, oldest first (forgotten events skipped),
    /// and returns the highest sequence number the pass covered: every event and tombstone up to it that
    /// had completed when the pass started was visited or skipped on purpose; later ones were not.
    func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64

    /// Users with a tombstone, and the sequence number of their latest one.
    func forgottenUsers() -> [String: UInt64]

    /// The highest sequence number assigned so far (0 when empty).
    var lastSeq: UInt64 { get }

    /// Stops accepting appends after waiting for pending ones to become durable.
    func close()
}

extension EventLog {
    /// Stored events with `seq > after`, oldest first (read from disk for `FileEventLog`).
    public func events(after seq: UInt64) throws(DataError) -> [LoggedEvent] {
        var out: [LoggedEvent] = []
        _ = try scanEvents(after: seq) { out.append($0) }
        return out
    }

    /// The stored events of `user`, oldest first (a pass over the whole log: for export, not hot paths).
    public func events(of user: String) throws(DataError) -> [LoggedEvent] {
        var out: [LoggedEvent] = []
        _ = try scanEvents(after: 0) { if $0.user == user { out.append($0) } }
        return out
    }

    /// Async form of `append(_:completion:)`.
    public func append(_ events: [NewEvent]) async throws(DataError) -> [LoggedEvent] {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<[LoggedEvent], DataError>, Never>) in
            append(events) { c.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Async form of `forget(user:completion:)`.
    public func forget(user: String) async throws(DataError) -> Int {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<Int, DataError>, Never>) in
            forget(user: user) { c.resume(returning: $0) }
        }
        return try result.get()
    }
}
