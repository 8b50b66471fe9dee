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
    static let what = "reading the sequence and a transaction id"

    static func decode(_ rows: [PostgresRow], _ store: StoreURL) throws(DataError) -> (drawn: UInt64, xid: UInt64) {
        guard let row = rows.first else { throw .io(file: store.description, message: "\(what) returned no row") }
        let (drawn, xid, _) = try StoreError.decoding(store) { try row.decode((Int64, Int64, String).self) }
        return (UInt64(drawn), UInt64(xid))
    }

    /// The current statement's snapshot `xmin`: every transaction with a lower id has ended.
    static let snapshotXmin = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
}

extension StoreConnection {
    func drawnThenXid() throws(DataError) -> (drawn: UInt64, xid: UInt64) {
        try StoreBound.decode(try run(StoreBound.drawnThenXid, StoreBound.what), store)
    }
}

extension StoreSession {
    func drawnThenXid() async throws(DataError) -> (drawn: UInt64, xid: UInt64) {
        try StoreBound.decode(try await run(StoreBound.drawnThenXid, StoreBound.what), store)
    }
}
