public import AffinityData
import Foundation
import PostgresNIO

/// Reads, on the reader connection, one at a time (`reading`). An event older than a tombstone of its user is
/// never returned, even if it committed after the tombstone (a concurrent append on another replica).
extension PostgresEventLog {
    /// Rows per round trip of a scan.
    static let scanPage = 10_000

    /// A pass in one REPEATABLE READ snapshot, page by page, over the records up to the last sequence
    /// number drawn before it started, taken once every transaction that could have drawn one of them
    /// has ended (the bound of `StoreTail`): records up to it that commit later cannot exist.
    public func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        let covered = try reading { () throws(DataError) -> UInt64 in
            let drawn = try reader.drawnSeq()
            try beginSnapshot(endedBefore: try reader.takeXid())
            do throws(DataError) {
                try readPages(after: seq, through: drawn, visit)
                _ = try reader.run("COMMIT", "scanning events")
                return max(seq, drawn)
            } catch {
                _ = try? reader.run("ROLLBACK", "scanning events")
                throw error
            }
        }
        saw(covered)
        return covered
    }

    /// Visits the live events with `seq < e.seq <= last` in the reader's current transaction, `scanPage`
    /// rows per round trip, by `seq` (call under `readLock`).
    func readPages(after seq: UInt64, through last: UInt64 = UInt64(Int64.max), _ visit: (LoggedEvent) -> Void) throws(DataError) {
        var cursor = Int64(clamping: seq)
        while true {
            let rows = try reader.run("""
                SELECT \(unescaped: Self.eventColumns) FROM affinity_events e WHERE e.seq > \(cursor) \
                AND e.seq <= \(Int64(clamping: last)) AND \(unescaped: Self.notForgotten) ORDER BY e.seq LIMIT \(Self.scanPage)
                """, "scanning events")
            for row in rows { visit(try decodeEvent(row)) }
            guard rows.count == Self.scanPage, let last = rows.last else { break }
            cursor = Int64(clamping: try decodeEvent(last).seq)
        }
    }

    /// Opens a REPEATABLE READ transaction whose snapshot sees every transaction with an id below `xid`
    /// ended, retrying every few milliseconds; gives up after `Self.scanWait` seconds, naming the cause.
    private func beginSnapshot(endedBefore xid: UInt64) throws(DataError) {
        let deadline = Date(timeIntervalSinceNow: Self.scanWait)
        while true {
            _ = try reader.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "scanning events")
            let xmin: UInt64
            do throws(DataError) {
                xmin = try reader.snapshotXminNow()
            } catch {
                _ = try? reader.run("ROLLBACK", "scanning events")
                throw error
            }
            if xmin >= xid { return }
            _ = try reader.run("ROLLBACK", "scanning events")
            guard Date() < deadline else {
                throw .io(file: store.description, message: "scanning events: a write transaction (id \(xmin)) has been open for over \(Int(Self.scanWait)) s; events it may commit cannot be ordered yet (end it, then retry)")
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// Longest wait of a scan for the writes in flight when it started.
    static let scanWait = 30.0

    /// By the `(user_id, seq)` index.
    public func events(of user: String) throws(DataError) -> [LoggedEvent] {
        try reading { () throws(DataError) -> [LoggedEvent] in
            let rows = try reader.run("""
                SELECT \(unescaped: Self.eventColumns) FROM affinity_events e WHERE e.user_id = \(user) \
                AND \(unescaped: Self.notForgotten) ORDER BY e.seq
                """, "reading a user's events")
            var out: [LoggedEvent] = []
            for row in rows { out.append(try decodeEvent(row)) }
            return out
        }
    }

    public func knows(user: String) throws(DataError) -> Bool {
        try reading { () throws(DataError) -> Bool in
            let rows = try reader.run("""
                SELECT EXISTS (SELECT 1 FROM affinity_events WHERE user_id = \(user)) \
                OR EXISTS (SELECT 1 FROM affinity_forgotten WHERE user_id = \(user))
                """, "looking up a user")
            return try StoreSchema.decode(rows.first, as: Bool.self, reader)
        }
    }

    /// From the store; when it cannot be read, the tombstones this instance last read or wrote.
    public func forgottenUsers() -> [String: UInt64] {
        if let read = try? reading({ () throws(DataError) in try readTombstones() }) {
            state.withLock { tombstones = read }
            return read
        }
        return state.withLock { tombstones }
    }

    /// Runs `body` holding `readLock` (the reader connection runs one read, or one snapshot, at a time).
    func reading<T>(_ body: () throws(DataError) -> T) throws(DataError) -> T {
        readLock.lock()
        defer { readLock.unlock() }
        return try body()
    }

    /// The highest sequence number in either table (call under `readLock`).
    func readHighestSeq() throws(DataError) -> UInt64 {
        let rows = try reader.run("""
            SELECT greatest((SELECT coalesce(max(seq), 0) FROM affinity_events), \
            (SELECT coalesce(max(seq), 0) FROM affinity_forgotten))
            """, "reading the highest sequence number")
        return UInt64(try StoreSchema.decode(rows.first, as: Int64.self, reader))
    }

    /// Each forgotten user's latest tombstone (call under `readLock`).
    func readTombstones() throws(DataError) -> [String: UInt64] {
        let rows = try reader.run("SELECT user_id, max(seq) FROM affinity_forgotten GROUP BY user_id", "reading tombstones")
        var out: [String: UInt64] = [:]
        for row in rows {
            let (user, seq) = try reader.decoding { try row.decode((String, Int64).self) }
            out[user] = UInt64(seq)
        }
        return out
    }

    static let eventColumns = "e.seq, e.user_id, e.item_id, e.event, e.weight, extract(epoch FROM e.ts)::bigint"
    static let notForgotten =
        "NOT EXISTS (SELECT 1 FROM affinity_forgotten f WHERE f.user_id = e.user_id AND f.seq > e.seq)"

    private func decodeEvent(_ row: PostgresRow) throws(DataError) -> LoggedEvent {
        let (seq, user, item, event, weight, ts) = try reader.decoding {
            try row.decode((Int64, String, String, String, Float, Int64).self)
        }
        return LoggedEvent(seq: UInt64(seq), NewEvent(user: user, item: item, event: event, weight: weight, timestamp: ts))
    }
}
