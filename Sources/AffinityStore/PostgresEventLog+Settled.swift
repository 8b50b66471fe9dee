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
        let pool = self.pool
        let contents = try pool.blocking("reading a settled snapshot") { holder throws(DataError) -> StoreContents in
            let snapshot = try await Self.settledSnapshot(holder)
            do throws(DataError) {
                return try await pool.withSession("reading a settled snapshot") { reader throws(DataError) -> StoreContents in
                    _ = try await reader.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "reading a settled snapshot")
                    do throws(DataError) {
                        _ = try await reader.run("SET TRANSACTION SNAPSHOT '\(unescaped: snapshot)'", "importing the settled snapshot")
                        _ = try await holder.run("COMMIT", "releasing the settling lock")
                        var events: [LoggedEvent] = []
                        try await Self.readPages(reader, after: 0) { events.append($0) }
                        let contents = StoreContents(events: events, forgotten: try await Self.readTombstones(reader),
                                                     watermark: try await Self.readHighestSeq(reader))
                        _ = try await reader.run("COMMIT", "reading a settled snapshot")
                        return contents
                    } catch {
                        _ = try? await reader.run("ROLLBACK", "reading a settled snapshot")
                        throw error
                    }
                }
            } catch {
                _ = try? await holder.run("ROLLBACK", "releasing the settling lock")
                throw error
            }
        }
        saw(contents.watermark)
        return contents
    }

    /// On `holder`: opens a transaction, waits for the writers in flight under a SHARE lock, and exports
    /// its snapshot (the transaction stays open, holding the lock, until the caller commits it).
    private static func settledSnapshot(_ holder: StoreSession) async throws(DataError) -> String {
        let waiting = "waiting for write transactions in flight to end (at most \(settleTimeoutSeconds) s)"
        _ = try await holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ", waiting)
        do throws(DataError) {
            _ = try await holder.run("SET LOCAL lock_timeout = '\(unescaped: String(settleTimeoutSeconds))s'", waiting)
            _ = try await holder.run("LOCK TABLE affinity_events, affinity_forgotten IN SHARE MODE", waiting)
            let id = try await holder.value("SELECT pg_export_snapshot()", as: String.self, "exporting the settled snapshot")
            guard !id.isEmpty, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw DataError.io(file: holder.store.description, message: "exporting the settled snapshot returned an unexpected id '\(id)'")
            }
            return id
        } catch {
            _ = try? await holder.run("ROLLBACK", waiting)
            throw error
        }
    }
}
