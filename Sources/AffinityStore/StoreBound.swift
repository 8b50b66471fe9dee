import AffinityData
import PostgresNIO

/// The two facts the tail's bound rests on (docs/FLEET.md, "Tailing").
extension StoreConnection {
    /// The last sequence number handed out to anyone (0 before the first). Sequences are not
    /// transactional: this counts numbers drawn by transactions still running. Read with
    /// `pg_sequence_last_value`, under the sequence's buffer lock: a plain `SELECT last_value` may see
    /// the value `nextval` writes to the WAL (up to 32 numbers ahead) for a moment.
    func drawnSeq() throws(DataError) -> UInt64 {
        let rows = try run("SELECT coalesce(pg_sequence_last_value('affinity_seq'), 0)", "reading the sequence")
        return UInt64(try StoreSchema.decode(rows.first, as: Int64.self, self))
    }

    /// A transaction id above every one assigned so far: this statement takes one (its own
    /// transaction, committed at once; `synchronous_commit` off for this session, as it writes nothing).
    /// A snapshot's `xmax` cannot serve: it is the latest *completed* id + 1, and a transaction that
    /// took a higher id and is still running does not lower that snapshot's `xmin`.
    func takeXid() throws(DataError) -> UInt64 {
        let rows = try run("SELECT pg_current_xact_id()::text::bigint, set_config('synchronous_commit', 'off', false)",
                           "reading a transaction id")
        guard let row = rows.first else { throw .io(file: store.description, message: "reading a transaction id returned no row") }
        return UInt64(try decoding { try row.decode((Int64, String).self) }.0)
    }

    /// The current statement's snapshot `xmin`: every transaction with a lower id has ended.
    static let snapshotXmin = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"

    /// `snapshotXmin` in a statement of its own (the first statement of a REPEATABLE READ transaction
    /// fixes its snapshot).
    func snapshotXminNow() throws(DataError) -> UInt64 {
        let rows = try run("SELECT \(unescaped: Self.snapshotXmin)", "reading the snapshot")
        return UInt64(try StoreSchema.decode(rows.first, as: Int64.self, self))
    }
}
