/// Where each user's live events are stored: user → the positions of the records holding them, one
/// entry per event, oldest first (byte offsets of framed records in `FileEventLog`, sequence numbers in
/// `MemoryEventLog`). `events(of:)` and `forget` read only these records instead of the whole log.
/// Memory: one `Int` per live event, plus one key per user. Not thread-safe (owners hold a lock).
struct UserIndex: Sendable {
    private var positions: [String: [Int]] = [:]

    /// Notes the decoded contents of the record at `position`, in sequence order: its events are
    /// added; a tombstone drops every earlier event of its user. Returns the number of events dropped.
    @discardableResult
    mutating func apply(_ records: [LogRecord], at position: Int) -> Int {
        var dropped = 0
        for r in records {
            switch r {
            case .event(let e): positions[e.user, default: []].append(position)
            case .tombstone(_, let user, _): dropped += positions.removeValue(forKey: user)?.count ?? 0
            }
        }
        return dropped
    }

    /// The distinct positions of `user`'s records, in order (a batch record holding several of the
    /// user's events appears once).
    func positions(of user: String) -> [Int] {
        guard let all = positions[user] else { return [] }
        var out: [Int] = []
        out.reserveCapacity(all.count)
        for p in all where p != out.last { out.append(p) }
        return out
    }

    /// True when `user` has a live event.
    func contains(_ user: String) -> Bool { positions[user] != nil }
}
