public import AffinityData
import Foundation
import PostgresNIO

/// Following the store: LISTEN to wake up, then read the records above the caller's watermark by
/// sequence number, in one snapshot, with the bound `StoreTail` keeps (docs/FLEET.md, "Tailing").
extension PostgresEventLog: SharedEventLog {
    public func poll(after seq: UInt64, limit: Int) throws(DataError) -> TailBatch {
        tail.pollLock.lock()
        defer { tail.pollLock.unlock() }
        let connection = tail.connection
        try tail.listen()
        // Every number up to `drawn` was drawn by a transaction whose id is below `xid`.
        let facts = try connection.drawnThenXid()
        // Before the read (its snapshot comes after): when a pair has waited long for `xmin`, whether any
        // writer of the store's tables is older (an unrelated old transaction holds `xmin` back too).
        let writers: UInt64?? = tail.waitedLong ? .some(try connection.oldestWriter()) : .none
        let cursor = Int64(clamping: seq)
        let rows = try connection.run("""
            SELECT * FROM (SELECT 0 AS kind, \(unescaped: Self.eventColumns) FROM affinity_events e \
            WHERE e.seq > \(cursor) AND \(unescaped: Self.notForgotten) \
            UNION ALL SELECT 1, f.seq, f.user_id, '', '', 0::real, extract(epoch FROM f.ts)::bigint \
            FROM affinity_forgotten f WHERE f.seq > \(cursor) ORDER BY 2 LIMIT \(Int64(max(1, limit)))) page \
            UNION ALL SELECT 2, \(unescaped: StoreBound.snapshotXmin), '', '', '', 0::real, 0
            """, "following the store")
        var records: [LogRecord] = []
        var xmin: UInt64?
        for row in rows {
            let (kind, a, user, item, event, weight, b) = try StoreError.decoding(store) {
                try row.decode((Int32, Int64, String, String, String, Float, Int64).self)
            }
            switch kind {
            case 0: records.append(.event(LoggedEvent(seq: UInt64(a), NewEvent(user: user, item: item, event: event, weight: weight, timestamp: b))))
            case 1: records.append(.tombstone(seq: UInt64(a), user: user, timestamp: b))
            default: xmin = UInt64(a)
            }
        }
        guard let xmin else { throw .io(file: store.description, message: "following the store: the reply had no snapshot row") }
        // Ended before the read: every id below `xmin`; with the writers' check, every id below the oldest
        // writer's (all of them when none was running).
        let ended = writers.map { max(xmin, $0 ?? .max) } ?? xmin
        tail.advance(facts, endedBelow: ended)
        if let last = records.last { saw(last.seq) }
        // A full page may have left records out above its last one.
        let covered = records.count >= limit ? min(tail.final, records.last?.seq ?? seq) : tail.final
        return TailBatch(records: records, covered: covered)
    }

    public func waitForCommit(timeout: Double) -> Bool {
        tail.wait(timeout: timeout)
    }
}
