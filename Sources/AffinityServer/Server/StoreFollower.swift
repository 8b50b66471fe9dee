import AffinityData
import AffinityProtocol
import Foundation
import Logging

/// A replica's tail of the shared event store (docs/FLEET.md, "Tailing"): on its own thread, wakes on
/// a commit notification (or every `idleWait` seconds), reads the records above the live user store's
/// watermark, applies those not applied yet (to the users' sums; a user's next read solves). When the store cannot
/// be read it keeps the replica serving from memory and retries with exponential backoff.
final class StoreFollower: Sendable {
    struct State {
        var started = false
        var stopped = false
        var reachable = true
        /// When the first commit notification not yet caught up with arrived.
        var pendingSince: Date?
        var lastSuccess = Date()
    }

    private let log: any SharedEventLog
    private let registry: ModelRegistry
    private let replica: String?
    private let logger: Logger
    private let state = Locked(State())
    private let finished = DispatchSemaphore(value: 0)
    /// Records per read.
    static let page = 5000
    static let idleWait = 0.25
    /// The wait while records read wait for older writers to end (their bound usually moves at the next read).
    static let settleWait = 0.002
    static let backoff = (first: 0.05, last: 2.0)

    init(log: any SharedEventLog, registry: ModelRegistry, replica: String?, logger: Logger) {
        self.log = log
        self.registry = registry
        self.replica = replica
        self.logger = logger
    }

    func start() {
        guard state.withLock({ s in defer { s.started = true }; return !s.started }) else { return }
        Thread.detachNewThread { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops the thread after its current read (call before closing the log).
    func stop() {
        let started = state.withLock { s in
            defer { s.stopped = true }
            return s.started && !s.stopped
        }
        if started { finished.wait() }
    }

    /// `stats.store`.
    func status() -> StoreStatus {
        let now = Date()
        let (reachable, since) = state.withLock { s in (s.reachable, s.reachable ? s.pendingSince : s.lastSuccess) }
        let lag = since.map { max(0, now.timeIntervalSince($0) * 1000) } ?? 0
        return StoreStatus(replica: replica, appliedSeq: registry.snapshot.users.appliedSeq, lagMs: lag, reachable: reachable)
    }

    private func run() {
        var wait = Self.idleWait
        var backoff = Self.backoff.first
        while !state.withLock({ $0.stopped }) {
            if log.waitForCommit(timeout: wait) {
                state.withLock { s in s.pendingSince = s.pendingSince ?? Date() }
            }
            let started = Date()
            do throws(DataError) {
                let next = try follow()
                let recovered = state.withLock { s -> Bool in
                    defer { s.reachable = true }
                    s.lastSuccess = started
                    if let pending = s.pendingSince, pending <= started { s.pendingSince = nil }
                    return !s.reachable
                }
                if recovered { logger.notice("event store reachable again; caught up", metadata: ["applied_seq": "\(registry.snapshot.users.appliedSeq)"]) }
                backoff = Self.backoff.first
                wait = next
            } catch {
                let first = state.withLock { s -> Bool in
                    defer { s.reachable = false }
                    return s.reachable
                }
                if first {
                    logger.warning("event store unreachable: serving from memory, feedback gets `unavailable`, retrying",
                                   metadata: ["reason": "\(error)"])
                }
                wait = backoff
                backoff = min(backoff * 2, Self.backoff.last)
            }
        }
    }

    /// One read and apply. Returns how long to wait before the next read: none after a full page, a
    /// moment while records above the bound wait for older writers to end, else `idleWait` (a commit
    /// notification ends any wait early).
    private func follow() throws(DataError) -> Double {
        let users = registry.snapshot.users
        let batch = try log.poll(after: users.appliedSeq, limit: Self.page)
        // Under `feeding`, so a reload's catch-up and swap cannot interleave; if the store was swapped
        // since the read, the next read starts from the new store's watermark instead.
        let current = registry.feeding { snapshot -> Bool in
            guard snapshot.users === users else { return false }
            users.applyTail(batch)
            return true
        }
        guard current else { return 0 }
        users.advance(to: batch.covered)
        if batch.records.count >= Self.page { return 0 }
        return (batch.records.last?.seq ?? 0) > batch.covered ? Self.settleWait : Self.idleWait
    }
}
