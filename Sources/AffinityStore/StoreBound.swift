import AffinityData
import PostgresNIO

/// The facts a tail's or a scan's bound rests on (docs/FLEET.md, "Tailing").
enum StoreBound {
    /// In this order, in one round trip: `drawn`, the last sequence number handed out to anyone (0 before
    /// the first), then `xid`, a transaction id above every one assigned so far, and `oldestWriter`.
    ///
    /// - `drawn`: sequences are not transactional, so this counts numbers drawn by transactions still running.
    ///   Read with `pg_sequence_last_value`, under the sequence's buffer lock: a plain `SELECT last_value` may
    ///   see the value `nextval` writes to the WAL (up to 32 numbers ahead) for a moment. The `MATERIALIZED`
    ///   CTE is evaluated when the outer query fetches its row, before that row's projection takes the id.
    /// - `xid`: the statement takes one (its own transaction, committed at once; `synchronous_commit` off
    ///   for the session, as it writes nothing). A snapshot's `xmax` cannot serve: it is the latest
    ///   *completed* id + 1, and a transaction that took a higher id and is still running does not lower
    ///   that snapshot's `xmin`.
    /// - `oldestWriter`: evaluated after `drawn` (in the projection of the CTE's row), the oldest transaction
    ///   id among the sessions holding a ROW EXCLUSIVE lock on `affinity_events` or `affinity_forgotten` and
    ///   having an id (NULL when there is none; 0 when a prepared transaction holds such a lock, which may
    ///   still commit). Every transaction that draws a number holds that lock from before it takes its id
    ///   until it ends (the schema's triggers, docs/FLEET.md), so a writer that drew a number up to `drawn`
    ///   and is still running shows here with its id. A 32-bit `backend_xid` is widened against this
    ///   statement's own 64-bit id (running ids are less than 2³¹ below it).
    static let drawnThenXid: PostgresQuery = """
        WITH d AS MATERIALIZED (SELECT coalesce(pg_sequence_last_value('affinity_seq'), 0) AS drawn) \
        SELECT d.drawn, pg_current_xact_id()::text::bigint, set_config('synchronous_commit', 'off', false), \
        (SELECT CASE WHEN bool_or(l.pid IS NULL) THEN 0 ELSE min(pg_current_xact_id()::text::bigint \
        - ((pg_current_xact_id()::text::bigint % 4294967296) - a.backend_xid::text::bigint + 4294967296) % 4294967296) END \
        FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid \
        WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock' \
        AND l.relation IN ('affinity_events'::regclass, 'affinity_forgotten'::regclass) \
        AND (l.pid IS NULL OR (l.pid <> pg_backend_pid() AND a.backend_xid IS NOT NULL))) FROM d
        """
    static let what = "reading the sequence and a transaction id"

    static func decode(_ rows: [PostgresRow], _ store: StoreURL) throws(DataError) -> Facts {
        guard let row = rows.first else { throw .io(file: store.description, message: "\(what) returned no row") }
        let (drawn, xid, _, writer) = try StoreError.decoding(store) { try row.decode((Int64, Int64, String, Int64?).self) }
        return Facts(drawn: UInt64(drawn), xid: UInt64(xid), oldestWriter: writer.map { UInt64(max(0, $0)) })
    }

    struct Facts {
        var drawn: UInt64
        var xid: UInt64
        var oldestWriter: UInt64?
    }

    /// The current statement's snapshot `xmin`: every transaction with a lower id has ended.
    static let snapshotXmin = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
}

extension StoreConnection {
    func drawnThenXid() throws(DataError) -> StoreBound.Facts {
        try StoreBound.decode(try run(StoreBound.drawnThenXid, StoreBound.what), store)
    }
}

extension StoreSession {
    func drawnThenXid() async throws(DataError) -> StoreBound.Facts {
        try StoreBound.decode(try await run(StoreBound.drawnThenXid, StoreBound.what), store)
    }
}
