public import AffinityData
import Foundation
import PostgresNIO

/// An `EventLog` in a shared PostgreSQL database (the fleet's event store; docs/FLEET.md).
///
/// Appends and forgets go through one writer connection that group-commits: while a statement is in
/// flight, new appends queue, and the next statement inserts all of them as one multi-row INSERT.
/// Every statement runs in its own transaction (autocommit), and a completion runs only after its
/// COMMIT succeeded: an event is acknowledged only when it is committed. Completions run on the
/// writer's event-loop thread, in sequence order for this instance.
///
/// Reads (`scanEvents`, `events(of:)`, `knows`, `forgottenUsers`) run on a second connection and
/// block the calling thread: never call them (nor `close()`) on an event-loop thread.
///
/// Sequence numbers come from one PostgreSQL sequence, so with several writers a lower number may
/// commit after a higher one is visible: `scanEvents` and `poll` (a replica's tail, on a third
/// connection) bound what they cover by the transactions still running (`StoreTail`, docs/FLEET.md).
///
/// `@unchecked Sendable`: `queue`, `committing`, `closed`, `highest` and `tombstones` are touched only under `state`;
/// the reader connection only under `readLock`.
public final class PostgresEventLog: EventLog, @unchecked Sendable {
    public let store: StoreURL
    let writer: StoreConnection
    let reader: StoreConnection
    let tail: StoreTail
    let readLock = NSLock()
    let state = NSCondition()
    var queue: [PendingWrite] = []
    var committing = false
    var closed = false
    var highest: UInt64 = 0
    var tombstones: [String: UInt64] = [:]

    /// Connects and checks the schema (`StoreSchema.check`): a missing, older or newer one is refused.
    public init(_ store: StoreURL) throws(DataError) {
        self.store = store
        writer = StoreConnection(store)
        reader = StoreConnection(store)
        tail = StoreTail(store)
        do throws(DataError) {
            try StoreSchema.check(reader)
            let (top, forgotten) = try reading { () throws(DataError) in (try readHighestSeq(), try readTombstones()) }
            highest = top
            tombstones = forgotten
        } catch {
            reader.close()
            throw error
        }
    }

    public func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        guard !events.isEmpty else { return completion(.success([])) }
        enqueue(.append(events, completion))
    }

    public func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        enqueue(.forget(user, completion))
    }

    /// The highest sequence number this instance has seen completed: its own appends and forgets,
    /// and what its last open or scan found.
    public var lastSeq: UInt64 { state.withLock { highest } }

    /// Stops accepting writes, waits for the queued ones to finish, and closes the connections.
    public func close() {
        state.lock()
        closed = true
        while committing { state.wait() }
        state.unlock()
        writer.close()
        readLock.withLock { reader.close() }
        tail.close()
    }

    /// Raises `highest` to `seq` (never lowers it).
    func saw(_ seq: UInt64) {
        state.withLock { highest = max(highest, seq) }
    }
}
