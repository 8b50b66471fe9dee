public import AffinityData
import AffinityRecommender
import Foundation
import Logging

extension UserFactorStore {
    /// Adds `events` (in sequence order) to their users' summed weights, skipping those applied already
    /// (at or below `appliedSeq`: in the sums, or in the model) and items the model does not know. Returns
    /// the users of all `events`, whose factors `solve` should then bring up to date.
    @discardableResult
    public func accumulate(_ events: [LoggedEvent]) -> Set<String> {
        applied.withLock { applied in
            for e in events where applied.claim(e.seq) { add(e) }
        }
        return Set(events.map(\.user))
    }

    /// Marks everything up to `seq` as applied (a replay covered it, including tombstones and events
    /// it skipped on purpose; or a shared log's tail applied and solved it).
    public func advance(to seq: UInt64) {
        applied.withLock { $0.advance(to: seq) }
    }

    /// Caller holds `applied`.
    func add(_ e: LoggedEvent) {
        guard let model, let item = model.itemIndex(e.item) else { return }
        let user = e.user
        let trained = stripe(user).withLock { $0[user] == nil } && !isForgotten(user) ? model.trainedWeights(user: user) : []
        stripe(user).withLock { users in
            if users[user] == nil { users[user] = UserState(profile: UserProfile(trained: trained), born: e.seq) }
            // Mutated in place through the subscript: a copy of the state would copy its tables.
            users[user]!.profile.add(item, weight: e.weight)
            users[user]!.onlineItems.insert(item)
            users[user]!.onlineEvents += 1
        }
    }

    /// Brings `user`'s profile state up to date with their sums (a no-op when already there, or when the
    /// same sums failed before). The fold-in runs outside the lock on a copy of the profile. A failed
    /// fold-in is logged and counted once per revision of the sums, and the user keeps their previous state.
    public func solve(_ user: String) {
        guard let model else { return }
        let work = stripe(user).withLock { users -> (profile: UserProfile, born: UInt64)? in
            guard let s = users[user], s.profile.isStale, s.failedRevision != s.profile.revision else { return nil }
            return (s.profile, s.born)
        }
        guard var solved = work?.profile, let born = work?.born else { return }
        do {
            try model.foldIn(&solved)
        } catch {
            failures.withLock { $0 += 1 }
            stripe(user).withLock { users in
                if users[user]?.born == born { users[user]!.failedRevision = solved.revision }
            }
            logger.error("fold-in failed; the user keeps their previous factors",
                         metadata: ["user": "\(user)", "items": "\(solved.weights.count)", "error": "\(error)"])
            return
        }
        stripe(user).withLock { users in
            guard users[user]?.born == born else { return }
            users[user]!.profile.adoptFactors(of: solved)
        }
    }

    /// Accumulates then solves (tests, and small catch-ups).
    public func apply(_ events: [LoggedEvent]) {
        for user in accumulate(events) { solve(user) }
    }

    /// Replays the log's events after `appliedSeq` into this store (before it goes live, or under the
    /// caller's apply lock), then solves every user it touched, in parallel. Returns the events replayed.
    @discardableResult
    public func replay(from log: any EventLog) throws(DataError) -> Int {
        var count = 0
        var touched: Set<String> = []
        let start = appliedSeq
        let covered = try log.scanEvents(after: start) { e in
            applied.withLock { applied in
                if applied.claim(e.seq) { add(e) }
            }
            touched.insert(e.user)
            count += 1
        }
        advance(to: covered)
        solve(touched)
        return count
    }

    /// Solves every user of `touched`, on as many threads as there are cores.
    public func solve(_ touched: Set<String>) {
        let users = Array(touched)
        let workers = min(users.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        if workers > 0 {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: users.count, by: workers) { solve(users[i]) }
            }
        }
    }
}
