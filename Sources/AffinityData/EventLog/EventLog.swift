/// The append-only store of feedback events. Acknowledge an event only after its completion succeeded:
/// then it is durable (for `FileEventLog`) and visible to `events(of:)` and `events(after:)`.
///
/// Implementations: `FileEventLog` (on disk, group commit) and `MemoryEventLog` (tests).
public protocol EventLog: AnyObject, Sendable {
    /// Appends `events` atomically (all or nothing) and calls `completion` once they are durable,
    /// with their sequence numbers. `completion` may run on any thread.
    func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void)

    /// Durably forgets `user`: a tombstone is written and the user's earlier events are removed
    /// (from disk too, for `FileEventLog`). Completes with the number of events removed.
    func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void)

    /// The stored events of `user`, oldest first.
    func events(of user: String) -> [LoggedEvent]

    /// Stored events with `seq > after`, oldest first (replay after a model's training watermark).
    func events(after seq: UInt64) -> [LoggedEvent]

    /// Users with a tombstone, and the sequence number of their latest one.
    func forgottenUsers() -> [String: UInt64]

    /// The highest sequence number assigned so far (0 when empty).
    var lastSeq: UInt64 { get }

    /// Stops accepting appends after waiting for pending ones to become durable.
    func close()
}

extension EventLog {
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
