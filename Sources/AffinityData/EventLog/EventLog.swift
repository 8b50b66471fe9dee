/// The append-only store of feedback events, one interface for every store: `FileEventLog` (on disk,
/// group commit), `MemoryEventLog` (tests, serving without a data dir), and a shared database next.
///
/// Acknowledge an event only after its completion succeeded: then it is durable (for a durable store)
/// and visible to every read. Sequence numbers increase in append order; a failed append may leave a
/// gap. Completions of successful appends and forgets run in sequence order (a consumer may fold events
/// into order-dependent state from them), on any thread (the caller's, for `MemoryEventLog`).
public protocol EventLog: AnyObject, Sendable {
    /// Appends `events` atomically (all or nothing) and calls `completion` once they are durable,
    /// with their sequence numbers.
    func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void)

    /// Forgets `user`: durably stores a tombstone and completes, in sequence order with the appends,
    /// with the number of the user's events it removed. From then on no read returns those events
    /// (replay, `events(of:)`, retraining). Erasing their bytes from storage may finish later: see
    /// `whenErased(_:)`.
    func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void)

    /// Calls `completion` once the events removed by every forget that has completed so far are erased
    /// from storage too (`FileEventLog` rewrites its file in the background; a store that deletes them
    /// in the tombstone's transaction calls it at once).
    func whenErased(_ completion: @escaping @Sendable (Result<Void, DataError>) -> Void)

    /// Calls `visit` for every stored event with `seq > after`, oldest first (forgotten events skipped),
    /// and returns the highest sequence number the pass covered: every event and tombstone up to it that
    /// had completed when the pass started was visited or skipped on purpose; later ones were not.
    /// This is replay from a watermark.
    func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64

    /// The stored events of `user`, oldest first (by index: only that user's records are read).
    func events(of user: String) throws(DataError) -> [LoggedEvent]

    /// True when the store holds an event or a tombstone of `user` (it has seen the user).
    func knows(user: String) throws(DataError) -> Bool

    /// Users with a tombstone, and the sequence number of their latest one.
    func forgottenUsers() -> [String: UInt64]

    /// The highest sequence number that has completed (0 when empty).
    var lastSeq: UInt64 { get }

    /// Stops accepting appends after waiting for pending ones to become durable (and pending erasures).
    func close()
}

extension EventLog {
    /// For stores that erase in the tombstone's own transaction: nothing to wait for.
    public func whenErased(_ completion: @escaping @Sendable (Result<Void, DataError>) -> Void) {
        completion(.success(()))
    }

    /// For stores without a per-user index: a pass over every stored event.
    public func events(of user: String) throws(DataError) -> [LoggedEvent] {
        var out: [LoggedEvent] = []
        _ = try scanEvents(after: 0) { if $0.user == user { out.append($0) } }
        return out
    }

    /// For stores without a per-user index: from `events(of:)` and the tombstones.
    public func knows(user: String) throws(DataError) -> Bool {
        if forgottenUsers()[user] != nil { return true }
        return try !events(of: user).isEmpty
    }

    /// Stored events with `seq > after`, oldest first (read from disk for `FileEventLog`).
    public func events(after seq: UInt64) throws(DataError) -> [LoggedEvent] {
        var out: [LoggedEvent] = []
        _ = try scanEvents(after: seq) { out.append($0) }
        return out
    }

    /// Async form of `append(_:completion:)`.
    public func append(_ events: [NewEvent]) async throws(DataError) -> [LoggedEvent] {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<[LoggedEvent], DataError>, Never>) in
            append(events) { c.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Async form of `forget(user:completion:)` that also waits for the erasure (`whenErased(_:)`).
    public func forget(user: String) async throws(DataError) -> Int {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<Int, DataError>, Never>) in
            forget(user: user) { forgotten in
                guard case .success(let removed) = forgotten else { return c.resume(returning: forgotten) }
                self.whenErased { erased in c.resume(returning: erased.map { removed }) }
            }
        }
        return try result.get()
    }
}
