public import AffinityData
import Foundation
import PostgresNIO

/// A read whose watermark cannot skip an event still in flight (docs/FLEET.md, "Training from the store").
///
/// Sequence numbers are drawn before their transaction commits, so a snapshot may show seq 11 while 10
/// is still uncommitted; recording 11 as a model's watermark would lose 10 for good. Every statement
/// that draws from `affinity_seq` inserts into (or deletes from) `affinity_events` or `affinity_forgotten`,
/// and so holds a ROW EXCLUSIVE lock on it from before it draws until its transaction ends. A second
/// connection takes a SHARE lock on both tables (it waits for those writers, and blocks new ones), exports
/// its snapshot, and lets go as soon as the reader has imported it: the writes pause for that moment only.
/// In that snapshot, every number drawn so far is committed (visible) or will never be; later ones are higher.
extension PostgresEventLog {
    /// How long the settling connection waits for write transactions in flight before giving up.
    static let settleTimeoutSeconds = 10

    /// Opens `store`, reads its settled contents, and closes it.
    public static func settledContents(of store: StoreURL) throws(DataError) -> StoreContents {
        let log = try PostgresEventLog(store)
        defer { log.close() }
        return try log.settledContents()
    }

    /// The live events, the tombstones and the highest sequence number, all in one settled snapshot.
    public func settledContents() throws(DataError) -> StoreContents {
        let holder = StoreConnection(store)
        defer { holder.close() }
        return try reading { () throws(DataError) -> StoreContents in
            let snapshot = try settledSnapshot(holder)
            _ = try reader.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "reading a settled snapshot")
            do throws(DataError) {
                _ = try reader.run("SET TRANSACTION SNAPSHOT '\(unescaped: snapshot)'", "importing the settled snapshot")
                _ = try holder.run("COMMIT", "releasing the settling lock")
                var events: [LoggedEvent] = []
                try readPages(after: 0) { events.append($0) }
                let contents = StoreContents(events: events, forgotten: try readTombstones(), watermark: try readHighestSeq())
                _ = try reader.run("COMMIT", "reading a settled snapshot")
                saw(contents.watermark)
                return contents
            } catch {
                _ = try? reader.run("ROLLBACK", "reading a settled snapshot")
                throw error
            }
        }
    }

    /// On `holder`: opens a transaction, waits for the writers in flight under a SHARE lock, and exports
    /// its snapshot (the transaction stays open, holding the lock, until the caller commits it).
    private func settledSnapshot(_ holder: StoreConnection) throws(DataError) -> String {
        let waiting = "waiting for write transactions in flight to end (at most \(Self.settleTimeoutSeconds) s)"
        _ = try holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ", waiting)
        _ = try holder.run("SET LOCAL lock_timeout = '\(unescaped: String(Self.settleTimeoutSeconds))s'", waiting)
        _ = try holder.run("LOCK TABLE affinity_events, affinity_forgotten IN SHARE MODE", waiting)
        let rows = try holder.run("SELECT pg_export_snapshot()", "exporting the settled snapshot")
        let id = try StoreSchema.decode(rows.first, as: String.self, holder)
        guard !id.isEmpty, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .io(file: store.description, message: "exporting the settled snapshot returned an unexpected id '\(id)'")
        }
        return id
    }
}
