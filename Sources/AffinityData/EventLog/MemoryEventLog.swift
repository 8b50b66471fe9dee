import Foundation

/// An `EventLog` in memory: same semantics as `FileEventLog` without the disk. For tests and
/// for serving without `--data-dir`. Completions run on the caller's thread, in sequence order:
/// an append whose predecessor has not completed yet waits for it (without holding the log's lock).
/// Being a stand-in for the disk, it keeps its live events in memory.
///
/// Its per-user index holds sequence numbers: `events(of:)` looks up only that user's events.
///
/// `@unchecked Sendable`: `index`, `users` and `events` are touched only under `lock`, `nextToComplete` only under `turn`.
public final class MemoryEventLog: EventLog, @unchecked Sendable {
    private let lock = NSLock()
    private var index = EventIndex()
    private var users = UserIndex()
    private var events: [LoggedEvent] = []
    private let turn = NSCondition()
    private var nextToComplete: UInt64 = 1

    public init() {}

    public func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        let logged = locked {
            var out: [LoggedEvent] = []
            out.reserveCapacity(events.count)
            for e in events {
                let l = LoggedEvent(seq: self.index.lastSeq + 1, e)
                self.index.apply(.event(l))
                self.users.apply([.event(l)], at: Int(l.seq))
                out.append(l)
            }
            self.events += out
            return out
        }
        guard let first = logged.first, let last = logged.last else { return completion(.success([])) }
        inTurn(first.seq, last.seq) { completion(.success(logged)) }
    }

    public func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        let (seq, removed) = locked {
            let seq = self.index.lastSeq + 1
            let tombstone = LogRecord.tombstone(seq: seq, user: user, timestamp: 0)
            self.index.apply(tombstone)
            let removed = self.users.apply([tombstone], at: Int(seq))
            if removed > 0 { self.events.removeAll { !self.index.isLive($0) } }
            return (seq, removed)
        }
        inTurn(seq, seq) { completion(.success(removed)) }
    }

    public func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        let (events, covered) = locked { (self.events, self.index.lastSeq) }
        for e in events[Self.firstIndex(in: events, after: seq)...] { visit(e) }
        return covered
    }

    public func events(of user: String) -> [LoggedEvent] {
        locked {
            self.users.positions(of: user).map { self.events[Self.firstIndex(in: self.events, after: UInt64($0) - 1)] }
        }
    }

    public func knows(user: String) -> Bool {
        locked { self.index.tombstones[user] != nil || self.users.contains(user) }
    }

    /// Events are in seq order: binary search for the first one with a sequence number above `seq`.
    private static func firstIndex(in events: [LoggedEvent], after seq: UInt64) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].seq <= seq { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public func forgottenUsers() -> [String: UInt64] { locked { self.index.tombstones } }
    public var lastSeq: UInt64 { locked { self.index.lastSeq } }
    public func close() {}

    /// Runs `body` once every record before `first` has completed, then lets `last + 1` go.
    private func inTurn(_ first: UInt64, _ last: UInt64, _ body: () -> Void) {
        turn.lock()
        while nextToComplete != first { turn.wait() }
        turn.unlock()
        body()
        turn.lock()
        nextToComplete = last + 1
        turn.broadcast()
        turn.unlock()
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
