import AffinityData
import PostgresNIO

/// The facts a tail's or a scan's bound rests on (docs/FLEET.md, "Tailing").
enum StoreBound {
    /// In this order, in one round trip: `drawn`, the last sequence number handed out to anyone (0 before
    /// the first), then `xid`, a transaction id above every one assigned so far.
    ///
    /// - `drawn`: sequences are not transactional, so this counts numbers drawn by transactions still running.
    ///   Read with `pg_sequence_last_value`, under the sequence's buffer lock: a plain `SELECT last_value` may
    ///   see the value `nextval` writes to the WAL (up to 32 numbers ahead) for a moment. The `MATERIALIZED`
    ///   CTE is evaluated when the outer query fetches its row, before that row's projection takes the id.
    /// - `xid`: the statement takes one (its own transaction, committed at once; `synchronous_commit` off
    ///   for the session, as it writes nothing). A snapshot's `xmax` cannot serve: it is the latest
    ///   *completed* id + 1, and a transaction that took a higher id and is still running does not lower
    ///   that snapshot's `xmin`.
    static let drawnThenXid: PostgresQuery = """
        WITH d AS MATERIALIZED (SELECT coalesce(pg_sequence_last_value('affinity_seq'), 0) AS drawn) \
        SELECT d.drawn, pg_current_xact_id()::text::bigint, set_config('synchronous_commit', 'off', false) FROM d
        """

    /// The oldest transaction id among the sessions holding a ROW EXCLUSIVE lock on `affinity_events` or
    /// `affinity_forgotten` and having an id (NULL when there is none; 0 when a prepared transaction holds
    /// such a lock, as it may still commit). Every transaction that draws a number holds that lock from
    /// before it takes its id until it ends (the schema's triggers, docs/FLEET.md), so a writer that drew a
    /// number up to an earlier `drawn` and is still running shows here with its id. A 32-bit `backend_xid`
    /// is widened into the 2³² ids below this statement's `xmax` + 2³⁰ (running ids are within 2³¹ below
    /// `xmax`, and ids taken since are only a few above it). It reads the lock table
    /// and every backend's status: the tail asks only when a pair has waited for `xmin` a while.
    static let oldestWriter: PostgresQuery = """
        SELECT CASE WHEN bool_or(l.pid IS NULL) THEN 0 ELSE min(n.top \
        - ((n.top % 4294967296) - a.backend_xid::text::bigint + 4294967296) % 4294967296) END \
        FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid, \
        (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1073741824 AS top) n \
        WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock' \
        AND l.relation IN ('affinity_events'::regclass, 'affinity_forgotten'::regclass) \
        AND (l.pid IS NULL OR (l.pid <> pg_backend_pid() AND a.backend_xid IS NOT NULL))
        """

    static let what = "reading the sequence and a transaction id"

    static func decode(_ rows: [PostgresRow], _ store: StoreURL) throws(DataError) -> Facts {
        guard let row = rows.first else { throw .io(file: store.description, message: "\(what) returned no row") }
        let (drawn, xid, _) = try StoreError.decoding(store) { try row.decode((Int64, Int64, String).self) }
        return Facts(drawn: UInt64(drawn), xid: UInt64(xid))
    }

    struct Facts {
        var drawn: UInt64
        var xid: UInt64
    }

    /// The current statement's snapshot `xmin`: every transaction with a lower id has ended.
    static let snapshotXmin = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
}

extension StoreConnection {
    func drawnThenXid() throws(DataError) -> StoreBound.Facts {
        try StoreBound.decode(try run(StoreBound.drawnThenXid, StoreBound.what), store)
    }

    /// `StoreBound.oldestWriter`: nil when no writer of the store's tables is running.
    func oldestWriter() throws(DataError) -> UInt64? {
        let rows = try run(StoreBound.oldestWriter, "looking for writers in flight")
        guard let row = rows.first else { return nil }
        return try StoreError.decoding(store) { try row.decode(Int64?.self) }.map { UInt64(max(0, $0)) }
    }
}

extension StoreSession {
    func drawnThenXid() async throws(DataError) -> StoreBound.Facts {
        try StoreBound.decode(try await run(StoreBound.drawnThenXid, StoreBound.what), store)
    }
}
