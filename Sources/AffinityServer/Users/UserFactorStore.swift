import AffinityData
public import AffinityRecommender
import Foundation
public import Logging

/// Online user state on top of one model, bounded by users × distinct items (never by events): per user
/// a `UserProfile` (the summed weight per item index, training history first, then online events in
/// sequence order, and the model's state folded in from those sums) and the indices of their online
/// items. The events themselves live in the event log.
///
/// Two steps per event, so that results equal a clean replay bit for bit:
/// - `accumulate` adds events to the profiles, each at most once (events at or below `appliedSeq` are
///   skipped). The feedback path acknowledges once its events are accumulated.
/// - `solve` folds in a copy of the profile outside the lock and keeps the result only if it covers
///   more of the profile than the stored one (`UserProfile.adoptFactors(of:)`). It runs lazily, when a
///   user's state is read (`recommendView`, `factors`): the first read after new events solves once for
///   all of them, so a user's next answer reflects every event acknowledged before it (read-your-writes),
///   and an event costs no solve on a replica where that user is not asked for. A failed fold-in is
///   logged and counted, and the user keeps their previous state.
public final class UserFactorStore: Sendable {
    struct UserState {
        var profile: UserProfile
        var onlineItems: Set<ItemIndex> = []
        var onlineEvents = 0
        /// Seq of the event that created this state: a solve started on a forgotten state is not stored
        /// into a newer one.
        var born: UInt64
        /// The profile revision whose fold-in failed (not retried until the sums change).
        var failedRevision: Int?
    }

    let stripes: [Locked<[String: UserState]>]
    /// Users forgotten while this store lived or before (their trained data is hidden too).
    let forgotten: Locked<Set<String>>
    /// Sequence numbers applied (accumulated, or covered by a replay or the tail); the watermark starts
    /// at the model's. Held for a whole `accumulate`, which serialises accumulation.
    let applied: Locked<AppliedSeqs>
    /// Fold-ins that failed (the user kept their previous state).
    let failures = Locked(0)
    let logger: Logger
    public let model: (any RecommenderModel)?

    /// `sharedLog`: the log has several writers, so events may arrive out of sequence order (`AppliedSeqs`).
    public init(model: (any RecommenderModel)?, forgotten: Set<String> = [], stripeCount: Int = 64, sharedLog: Bool = false,
                logger: Logger = Logger(label: "affinity.users")) {
        self.model = model
        stripes = (0..<max(1, stripeCount)).map { _ in Locked([:]) }
        self.forgotten = Locked(forgotten)
        applied = Locked(AppliedSeqs(watermark: model?.watermark ?? 0, ordered: !sharedLog))
        self.logger = logger
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

    /// Current factors (solving the user's profile first if events arrived since): online when the user has
    /// online state, else trained, nil when unknown or forgotten.
    public func factors(_ user: String) -> [Float]? {
        solve(user)
        if let online = stripe(user).withLock({ $0[user]?.profile.factors }) { return online }
        if isForgotten(user) { return nil }
        return model?.trainedFactors(user: user)
    }

    /// What `recommend` needs: their profile, solved for every event accumulated so far (nil when the store
    /// holds none), and whether they are forgotten.
    public func recommendView(_ user: String) -> (profile: UserProfile?, forgotten: Bool) {
        solve(user)
        let profile = stripe(user).withLock { $0[user]?.profile }
        return (profile, isForgotten(user))
    }

    /// Items of the user's online events (training history excluded).
    public func onlineItems(_ user: String) -> Set<String> {
        guard let model else { return [] }
        let items = stripe(user).withLock { $0[user]?.onlineItems ?? [] }
        return Set(items.map { model.itemID($0) })
    }

    /// Drops everything about `user` and hides their training data from now on.
    @discardableResult
    public func forget(_ user: String) -> Bool {
        let hadTrained = !isForgotten(user) && model?.isTrained(user: user) == true
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
        stripe(user).withLock { users in users[user].map { ($0.profile.weights.count, $0.onlineItems.count) } }
    }

    /// Fold-ins that failed since this store was made (each logged; the user kept their previous state).
    public var foldInFailures: Int { failures.withLock { $0 } }

    /// The sequence number up to which this store has applied every event and tombstone (for a shared
    /// log: everything that will ever commit up to it; events above it may be applied too).
    public var appliedSeq: UInt64 { applied.withLock { $0.watermark } }
}
