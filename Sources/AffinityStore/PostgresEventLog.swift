public import AffinityData
import Foundation
import PostgresNIO

/// An `EventLog` in a shared PostgreSQL database (the fleet's event store; docs/FLEET.md).
///
/// Appends and forgets are group-committed through the connection pool (`StorePool`, postgres-nio's
/// `PostgresClient`): while statements are in flight, new appends queue, and the next statement inserts all
/// of them as one multi-row INSERT; up to `writesInFlight` such statements run at once, on different
/// connections, so one's COMMIT (its fsync) overlaps the next one's insert. Every statement runs in its own
/// transaction (autocommit), and a completion runs only after its COMMIT succeeded: an event is acknowledged
/// only when it is committed. Completions of different statements may arrive out of sequence order (the
/// store's own readers never assume otherwise: `SharedEventLog`). A forget runs alone, after the statements
/// before it and before those after it.
///
/// Reads (`scanEvents`, `events(of:)`, `knows`, `forgottenUsers`) lease pool connections and block the
/// calling thread: never call them (nor `close()`) on an event-loop thread or from async code.
///
/// Sequence numbers come from one PostgreSQL sequence, so with several writers a lower number may
/// commit after a higher one is visible: `scanEvents` and `poll` (a replica's tail, on its own
/// connection) bound what they cover by the transactions still running (`StoreTail`, docs/FLEET.md).
///
/// `@unchecked Sendable`: `queue`, `inFlight`, `exclusive`, `closed`, `highest` and `tombstones` are touched only under `state`.
public final class PostgresEventLog: EventLog, @unchecked Sendable {
    public let store: StoreURL
    let pool: StorePool
    let tail: StoreTail
    let state = NSCondition()
    var queue: [PendingWrite] = []
    /// Write statements running now, and whether the one running is a forget (nothing starts beside it).
    var inFlight = 0
    var exclusive = false
    var closed = false
    var highest: UInt64 = 0
    var tombstones: [String: UInt64] = [:]
    /// Group-commit statements running at once (each on its own pooled connection).
    static let writesInFlight = 2
    /// Pool size: the writes, plus two for reads (a settled read holds two at once).
    static let poolConnections = writesInFlight + 2

    /// Connects and checks the schema (`StoreSchema.check`): a missing, older or newer one is refused.
    public init(_ store: StoreURL) throws(DataError) {
        self.store = store
        pool = StorePool(store, connections: Self.poolConnections)
        tail = StoreTail(store)
        do throws(DataError) {
            let (top, forgotten) = try pool.blocking("opening the event store") { session throws(DataError) in
                try await StoreSchema.check(session)
                return (try await Self.readHighestSeq(session), try await Self.readTombstones(session))
            }
            highest = top
            tombstones = forgotten
        } catch {
            pool.close()
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
        while inFlight > 0 || !queue.isEmpty { state.wait() }
        state.unlock()
        pool.close()
        tail.close()
    }

    /// Raises `highest` to `seq` (never lowers it).
    func saw(_ seq: UInt64) {
        state.withLock { highest = max(highest, seq) }
    }
}
