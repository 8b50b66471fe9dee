/// In-memory view of the log's live records: all of them in order, and each user's events.
/// Shared by `FileEventLog` and `MemoryEventLog`; not thread-safe (owners hold a lock).
struct EventIndex: Sendable {
    private(set) var records: [LogRecord] = []
    private(set) var byUser: [String: [LoggedEvent]] = [:]
    private(set) var tombstones: [String: UInt64] = [:]
    private(set) var lastSeq: UInt64 = 0

    /// Adds a record read or written in order. A tombstone drops the user's earlier events.
    /// Returns the number of events it removed.
    @discardableResult
    mutating func apply(_ record: LogRecord) -> Int {
        lastSeq = max(lastSeq, record.seq)
        switch record {
        case .event(let e):
            records.append(record)
            byUser[e.user, default: []].append(e)
            return 0
        case .tombstone(let seq, let user, _):
            let removed = byUser.removeValue(forKey: user)?.count ?? 0
            if removed > 0 {
                records.removeAll { if case .event(let e) = $0 { return e.user == user && e.seq < seq } else { return false } }
            }
            records.append(record)
            tombstones[user] = seq
            return removed
        }
    }

    func events(after seq: UInt64) -> [LoggedEvent] {
        // Records are in seq order: binary search for the first one after `seq`.
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[mid].seq <= seq { lo = mid + 1 } else { hi = mid }
        }
        return records[lo...].compactMap { if case .event(let e) = $0 { return e } else { return nil } }
    }
}
