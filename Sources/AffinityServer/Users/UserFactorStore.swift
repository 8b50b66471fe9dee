import AffinityData
import Foundation

/// Online user state on top of one model, bounded by users × distinct items (never by events): per user
/// the summed weight per item index (training history first, then online events in sequence order),
/// the ids of their online items (for `exclude_seen`) and the factors folded in from those sums.
/// The events themselves live in the event log.
///
/// Two steps per event, so that results equal a clean replay bit for bit:
/// - `accumulate` adds events to the sums strictly in sequence order, each at most once (events at or
///   below `appliedSeq` are skipped), and bumps the user's version (the seq of their latest event).
/// - `solve` runs the fold-in from a copy of the sums outside the lock and stores the factors only if
///   they cover a newer version than the stored ones. After `solve(user)` returns, the stored factors
///   cover every event accumulated before it started: the feedback path acknowledges only then
///   (read-your-writes).
public final class UserFactorStore: Sendable {
    struct UserState {
        /// Training weights, then online weights, summed per item index in sequence order.
        var weights: [Int32: Float] = [:]
        var onlineItems: Set<String> = []
        var onlineEvents = 0
        /// Seq of the event that created this state: a solve started on a forgotten state is not stored
        /// into a newer one.
        var born: UInt64
        /// Seq of the user's latest accumulated event, and the version the factors cover.
        var version: UInt64 = 0
        var solvedVersion: UInt64 = 0
        var factors: [Float]?
    }

    let stripes: [Locked<[String: UserState]>]
    /// Users forgotten while this store lived or before (their trained data is hidden too).
    let forgotten: Locked<Set<String>>
    /// Highest sequence number accumulated (or covered by a replay); starts at the model's watermark.
    /// Held for a whole `accumulate`, which serialises accumulation in sequence order.
    let applied: Locked<UInt64>
    public let model: (any RecommenderModel)?

    public init(model: (any RecommenderModel)?, forgotten: Set<String> = [], stripeCount: Int = 64) {
        self.model = model
        stripes = (0..<max(1, stripeCount)).map { _ in Locked([:]) }
        self.forgotten = Locked(forgotten)
        applied = Locked(model?.watermark ?? 0)
    }

    func stripe(_ user: String) -> Locked<[String: UserState]> {
        stripes[Int(FNV1a.hash(user.utf8) % UInt64(stripes.count))]
    }

    public func isForgotten(_ user: String) -> Bool { forgotten.withLock { $0.contains(user) } }

    /// The user's training interactions unless forgotten.
    public func trainedHistory(_ user: String) -> [Interaction] {
        guard let model, !isForgotten(user) else { return [] }
        return model.trainedHistory(user: user)
    }

    /// Current factors: online when the user has solved online state, else trained, nil when unknown or forgotten.
    public func factors(_ user: String) -> [Float]? {
        if let online = stripe(user).withLock({ $0[user]?.factors }) { return online }
        if isForgotten(user) { return nil }
        return model?.trainedFactors(user: user)
    }

    /// What `recommend` needs in one pass over the user's stripe: the same factors as `factors(_:)`,
    /// the items of their online events, and whether they are forgotten.
    public func recommendView(_ user: String) -> (factors: [Float]?, onlineItems: Set<String>, forgotten: Bool) {
        let (online, items) = stripe(user).withLock { users -> ([Float]?, Set<String>) in
            guard let state = users[user] else { return (nil, []) }
            return (state.factors, state.onlineItems)
        }
        let forgotten = isForgotten(user)
        if let online { return (online, items, forgotten) }
        return (forgotten ? nil : model?.trainedFactors(user: user), items, forgotten)
    }

    /// Items the user has interacted with (training + online), for `exclude_seen`.
    public func seenItems(_ user: String) -> Set<String> {
        Set(trainedHistory(user).map(\.item)).union(onlineItems(user))
    }

    /// Items of the user's online events (training history excluded).
    public func onlineItems(_ user: String) -> Set<String> {
        stripe(user).withLock { $0[user]?.onlineItems ?? [] }
    }

    /// Drops everything about `user` and hides their training data from now on.
    @discardableResult
    public func forget(_ user: String) -> Bool {
        let hadTrained = !isForgotten(user) && model?.trainedFactors(user: user) != nil
        forgotten.withLock { _ = $0.insert(user) }
        let hadOnline = stripe(user).withLock { $0.removeValue(forKey: user) != nil }
        return hadTrained || hadOnline
    }

    /// All forgotten users (carried into the store of the next model on reload).
    public var forgottenUsers: Set<String> { forgotten.withLock { $0 } }

    /// Number of users with online state.
    public var onlineUserCount: Int { stripes.reduce(0) { n, s in n + s.withLock { $0.count } } }

    /// Online events folded into this store (events since the model's watermark, forgotten ones excluded).
    public var onlineEventCount: Int { stripes.reduce(0) { n, s in n + s.withLock { $0.values.reduce(0) { $0 + $1.onlineEvents } } } }

    /// Entries held for `user`: (summed item weights, online item ids); for tests of the memory bound.
    public func stateSize(_ user: String) -> (weights: Int, onlineItems: Int)? {
        stripe(user).withLock { users in users[user].map { ($0.weights.count, $0.onlineItems.count) } }
    }

    /// The highest sequence number this store has accumulated or been told a replay covered.
    public var appliedSeq: UInt64 { applied.withLock { $0 } }
}
