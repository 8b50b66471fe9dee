public import AffinityData
import Foundation
import PostgresNIO

/// Reads, each on a pooled connection, blocking the caller. An event older than a tombstone of its user is
/// never returned, even if it committed after the tombstone (a concurrent append on another replica).
extension PostgresEventLog {
    /// Rows per round trip of a scan.
    static let scanPage = 10_000

    /// A pass in one REPEATABLE READ snapshot, page by page, over the records up to the last sequence
    /// number drawn before it started, taken once every transaction that could have drawn one of them
    /// has ended (the bound of `StoreTail`): records up to it that commit later cannot exist. The events are
    /// read on the pool's task, then visited on this thread (a replay holds the events above a model's
    /// watermark in memory once, as a settled read does).
    public func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        let (events, covered) = try pool.blocking("scanning events") { session throws(DataError) -> ([LoggedEvent], UInt64) in
            let facts = try await session.drawnThenXid()
            let drawn = facts.drawn
            try await Self.beginSnapshot(session, endedBefore: facts.xid)
            do throws(DataError) {
                var events: [LoggedEvent] = []
                try await Self.readPages(session, after: seq, through: drawn) { events.append($0) }
                _ = try await session.run("COMMIT", "scanning events")
                return (events, max(seq, drawn))
            } catch {
                _ = try? await session.run("ROLLBACK", "scanning events")
                throw error
            }
        }
        events.forEach(visit)
        saw(covered)
        return covered
    }

    /// Visits the live events with `seq < e.seq <= last` in the session's current transaction, `scanPage`
    /// rows per round trip, by `seq`.
    static func readPages(_ session: StoreSession, after seq: UInt64, through last: UInt64 = UInt64(Int64.max),
                          _ visit: (LoggedEvent) -> Void) async throws(DataError) {
        var cursor = Int64(clamping: seq)
        while true {
            let rows = try await session.run("""
                SELECT \(unescaped: eventColumns) FROM affinity_events e WHERE e.seq > \(cursor) \
                AND e.seq <= \(Int64(clamping: last)) AND \(unescaped: notForgotten) ORDER BY e.seq LIMIT \(scanPage)
                """, "scanning events")
            for row in rows { visit(try decodeEvent(row, session.store)) }
            guard rows.count == scanPage, let last = rows.last else { break }
            cursor = Int64(clamping: try decodeEvent(last, session.store).seq)
        }
    }

    /// Opens a REPEATABLE READ transaction whose snapshot sees every transaction with an id below `xid`
    /// ended, retrying every few milliseconds; gives up after `scanWait` seconds, naming the cause.
    private static func beginSnapshot(_ session: StoreSession, endedBefore xid: UInt64) async throws(DataError) {
        let deadline = Date(timeIntervalSinceNow: scanWait)
        while true {
            _ = try await session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "scanning events")
            let xmin: UInt64
            do throws(DataError) {
                xmin = UInt64(try await session.value("SELECT \(unescaped: StoreBound.snapshotXmin)", as: Int64.self, "reading the snapshot"))
            } catch {
                _ = try? await session.run("ROLLBACK", "scanning events")
                throw error
            }
            if xmin >= xid { return }
            _ = try await session.run("ROLLBACK", "scanning events")
            guard Date() < deadline else {
                throw .io(file: session.store.description, message: "scanning events: a write transaction (id \(xmin)) has been open for over \(Int(scanWait)) s; events it may commit cannot be ordered yet (end it, then retry)")
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Longest wait of a scan for the writes in flight when it started.
    static let scanWait = 30.0

    /// By the `(user_id, seq)` index.
    public func events(of user: String) throws(DataError) -> [LoggedEvent] {
        try pool.blocking("reading a user's events") { session throws(DataError) -> [LoggedEvent] in
            let rows = try await session.run("""
                SELECT \(unescaped: Self.eventColumns) FROM affinity_events e WHERE e.user_id = \(user) \
                AND \(unescaped: Self.notForgotten) ORDER BY e.seq
                """, "reading a user's events")
            var out: [LoggedEvent] = []
            for row in rows { out.append(try Self.decodeEvent(row, session.store)) }
            return out
        }
    }

    public func knows(user: String) throws(DataError) -> Bool {
        try pool.blocking("looking up a user") { session throws(DataError) -> Bool in
            try await session.value("""
                SELECT EXISTS (SELECT 1 FROM affinity_events WHERE user_id = \(user)) \
                OR EXISTS (SELECT 1 FROM affinity_forgotten WHERE user_id = \(user))
                """, as: Bool.self, "looking up a user")
        }
    }

    /// From the store; when it cannot be read, the tombstones this instance last read or wrote.
    public func forgottenUsers() -> [String: UInt64] {
        if let read = try? pool.blocking("reading tombstones", { session throws(DataError) in try await Self.readTombstones(session) }) {
            state.withLock { tombstones = read }
            return read
        }
        return state.withLock { tombstones }
    }

    /// The highest sequence number in either table.
    static func readHighestSeq(_ session: StoreSession) async throws(DataError) -> UInt64 {
        UInt64(try await session.value("""
            SELECT greatest((SELECT coalesce(max(seq), 0) FROM affinity_events), \
            (SELECT coalesce(max(seq), 0) FROM affinity_forgotten))
            """, as: Int64.self, "reading the highest sequence number"))
    }

    /// Each forgotten user's latest tombstone.
    static func readTombstones(_ session: StoreSession) async throws(DataError) -> [String: UInt64] {
        let rows = try await session.run("SELECT user_id, max(seq) FROM affinity_forgotten GROUP BY user_id", "reading tombstones")
        var out: [String: UInt64] = [:]
        for row in rows {
            let (user, seq) = try StoreError.decoding(session.store) { try row.decode((String, Int64).self) }
            out[user] = UInt64(seq)
        }
        return out
    }

    static let eventColumns = "e.seq, e.user_id, e.item_id, e.event, e.weight, extract(epoch FROM e.ts)::bigint"
    static let notForgotten =
        "NOT EXISTS (SELECT 1 FROM affinity_forgotten f WHERE f.user_id = e.user_id AND f.seq > e.seq)"

    private static func decodeEvent(_ row: PostgresRow, _ store: StoreURL) throws(DataError) -> LoggedEvent {
        let (seq, user, item, event, weight, ts) = try StoreError.decoding(store) {
            try row.decode((Int64, String, String, String, Float, Int64).self)
        }
        return LoggedEvent(seq: UInt64(seq), NewEvent(user: user, item: item, event: event, weight: weight, timestamp: ts))
    }
}
