import Foundation

/// An `EventLog` in memory: same semantics as `FileEventLog` without the disk. For tests and
/// for serving without `--data-dir`. Completions run synchronously on the caller's thread.
///
/// `@unchecked Sendable`: all mutable state is the `EventIndex`, touched only under `lock`.
public final class MemoryEventLog: EventLog, @unchecked Sendable {
    private let lock = NSLock()
    private var index = EventIndex()

    public init() {}

    public func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        let logged = locked {
            var out: [LoggedEvent] = []
            out.reserveCapacity(events.count)
            for e in events {
                let l = LoggedEvent(seq: self.index.lastSeq + 1, e)
                self.index.apply(.event(l))
                out.append(l)
            }
            return out
        }
        completion(.success(logged))
    }

    public func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        let removed = locked {
            self.index.apply(.tombstone(seq: self.index.lastSeq + 1, user: user, timestamp: 0))
        }
        completion(.success(removed))
    }

    public func events(of user: String) -> [LoggedEvent] { locked { self.index.byUser[user] ?? [] } }
    public func events(after seq: UInt64) -> [LoggedEvent] { locked { self.index.events(after: seq) } }
    public func forgottenUsers() -> [String: UInt64] { locked { self.index.tombstones } }
    public var lastSeq: UInt64 { locked { self.index.lastSeq } }
    public func close() {}

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
