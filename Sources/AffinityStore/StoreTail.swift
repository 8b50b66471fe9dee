import AffinityData
import Foundation
import PostgresNIO

/// A replica's tail of the store: its own connection, `LISTEN`ing for commits, and the bound below
/// which every record that will ever commit is visible (docs/FLEET.md, "Tailing").
///
/// The bound: a writer's transaction takes its id before it draws a sequence number (the schema's
/// BEFORE INSERT trigger). So when the last drawn number `drawn` is read, and then a transaction id `xid`
/// is taken (above every id assigned so far), every transaction that drew a number up to `drawn` has an
/// id below `xid`, and holds a ROW EXCLUSIVE lock on the table until it ends. Once a later snapshot's `xmin`
/// (every lower id has ended) is at least `xid`, or a check before a read finds no such lock holder with an
/// id below `xid` (`StoreBound.oldestWriter`, asked when a pair has waited `writerCheckAfter`), all of them
/// have ended, and each of their rows is visible in that read's snapshot or never will be: the bound may
/// move to `drawn`. So a transaction that writes nothing to these tables (another application, autovacuum's
/// ANALYZE) holds the bound back for 20 ms at most.
///
/// `@unchecked Sendable`: `notified` only under `wake`; `listeningOn`, `candidates` and `final` only
/// under `pollLock` (one poll at a time).
final class StoreTail: @unchecked Sendable {
    let connection: StoreConnection
    private let wake = NSCondition()
    private var notified = false
    let pollLock = NSLock()
    private var listeningOn: ObjectIdentifier?
    /// (drawn, xid) pairs not yet known to be final, oldest first (both columns increase), and when each was taken.
    private var candidates: [(drawn: UInt64, xid: UInt64, taken: Date)] = []
    /// How long a pair waits for a snapshot's `xmin` before the tail also asks which writers are running.
    static let writerCheckAfter = 0.02

    /// Whether the oldest pending pair has waited longer than `writerCheckAfter`. Call under `pollLock`.
    var waitedLong: Bool {
        candidates.first.map { Date().timeIntervalSince($0.taken) > Self.writerCheckAfter } ?? false
    }
    /// Every record with a sequence number up to this is visible to any snapshot taken from now on.
    private(set) var final: UInt64 = 0
    /// Candidates kept at most (a long-running writer holds them back; newer ones wait for room).
    static let maxCandidates = 64

    init(_ store: StoreURL) {
        connection = StoreConnection(store)
    }

    /// Registers the notification listener on the current connection (again after a reconnect).
    /// Call under `pollLock`.
    func listen() throws(DataError) {
        let open: PostgresConnection
        do {
            open = try connection.connected().wait()
        } catch {
            throw StoreError.describe(error, store: connection.store, doing: "listening for commits")
        }
        guard listeningOn != ObjectIdentifier(open) else { return }
        // The tail reads the few newest rows by `seq`: the primary key's index, always. Left to its row
        // estimates, the planner picks a parallel sequential scan once the table has outgrown its last
        // ANALYZE (measured: 31 ms instead of well under 1 ms per read at 288k rows, and a read per commit).
        for setting in ["enable_seqscan", "enable_bitmapscan"] {
            _ = try connection.run("SELECT set_config(\(setting), 'off', false)", "configuring the tail's session")
        }
        _ = try connection.run("SELECT set_config('max_parallel_workers_per_gather', '0', false)", "configuring the tail's session")
        open.addListener(channel: StoreSchema.channel) { [weak self] _, _ in self?.notify() }
        listeningOn = ObjectIdentifier(open)
    }

    /// Records the (drawn, xid) pair of `facts` and moves `final` over every pair whose transactions have
    /// all ended before the caller's read: every id below `endedBelow` had. Call under `pollLock`.
    func advance(_ facts: StoreBound.Facts, endedBelow: UInt64) {
        if candidates.count < Self.maxCandidates { candidates.append((facts.drawn, facts.xid, Date())) }
        let ended = candidates.prefix { $0.xid <= endedBelow }
        if let last = ended.last { final = max(final, last.drawn) }
        candidates.removeFirst(ended.count)
    }

    func notify() {
        wake.withLock {
            notified = true
            wake.signal()
        }
    }

    func wait(timeout: Double) -> Bool {
        wake.lock()
        defer { wake.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !notified, wake.wait(until: deadline) {}
        defer { notified = false }
        return notified
    }

    func close() {
        pollLock.withLock { connection.close() }
        notify()
    }
}
