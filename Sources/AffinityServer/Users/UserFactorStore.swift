import Foundation

/// Online user state on top of one model: events learned since its watermark and the factors
/// folded in from them. The only writer of user factors; striped locks let different users update
/// in parallel while one user's fold-ins are serialised.
///
/// `apply` runs fold-in before it returns, and the feedback path acknowledges only afterwards, so the
/// next `recommend` on any connection sees the event (read-your-writes).
public final class UserFactorStore: Sendable {
    struct UserState {
        /// Online events keyed by log sequence number (idempotent re-application).
        var events: [UInt64: Interaction] = [:]
        /// The same events in sequence order, kept sorted on insert so a fold-in needs no sort.
        var ordered: [(seq: UInt64, interaction: Interaction)] = []
        /// The distinct items of `events`, kept up to date on insert (read by every `recommend`).
        var items: Set<String> = []
        var factors: [Float]?
    }

    private let stripes: [Locked<[String: UserState]>]
    /// Users forgotten while this store lived or before (their trained data is hidden too).
    private let forgotten: Locked<Set<String>>
    public let model: (any RecommenderModel)?

    public init(model: (any RecommenderModel)?, forgotten: Set<String> = [], stripeCount: Int = 64) {
        self.model = model
        stripes = (0..<max(1, stripeCount)).map { _ in Locked([:]) }
        self.forgotten = Locked(forgotten)
    }

    private func stripe(_ user: String) -> Locked<[String: UserState]> {
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in user.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return stripes[Int(h % UInt64(stripes.count))]
    }

    public func isForgotten(_ user: String) -> Bool { forgotten.withLock { $0.contains(user) } }

    /// The user's training interactions unless forgotten.
    public func trainedHistory(_ user: String) -> [Interaction] {
        guard let model, !isForgotten(user) else { return [] }
        return model.trainedHistory(user: user)
    }

    /// Records events (seq → interaction) for one user and recomputes their factors by exact fold-in
    /// over their full history: training interactions plus every online event. Items the model does
    /// not know are skipped.
    public func apply(user: String, events: [(seq: UInt64, interaction: Interaction)]) {
        guard let model else { return }
        let trainedUser = isForgotten(user) ? nil : user
        stripe(user).withLock { users in
            // Mutated in place through the subscript: a copy of the state would copy its event table.
            for e in events where model.hasItem(e.interaction.item) { users[user, default: UserState()].insert(e) }
            let online = users[user, default: UserState()].ordered.map(\.interaction)
            users[user, default: UserState()].factors = model.foldIn(historyOf: trainedUser, plus: online)
        }
    }

    /// Current factors: online when the user has events, else trained, nil when unknown or forgotten.
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
            return (state.factors, state.items)
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
        stripe(user).withLock { users in
            users[user]?.items ?? []
        }
    }

    /// Drops everything about `user` and hides their training data from now on.
    @discardableResult
    public func forget(_ user: String) -> Bool {
        let hadTrained = !isForgotten(user) && model?.trainedFactors(user: user) != nil
        forgotten.withLock { _ = $0.insert(user) }
        let hadOnline = stripe(user).withLock { $0.removeValue(forKey: user) != nil }
        let had = hadTrained || hadOnline
        return had
    }

    /// All forgotten users (carried into the store of the next model on reload).
    public var forgottenUsers: Set<String> { forgotten.withLock { $0 } }

    /// Number of users with online state.
    public var onlineUserCount: Int { stripes.reduce(0) { n, s in n + s.withLock { $0.count } } }
}

extension UserFactorStore.UserState {
    /// Adds or replaces the event with this sequence number, keeping `ordered` sorted by it.
    mutating func insert(_ e: (seq: UInt64, interaction: Interaction)) {
        if events.updateValue(e.interaction, forKey: e.seq) != nil {
            if let i = ordered.firstIndex(where: { $0.seq == e.seq }) { ordered[i].interaction = e.interaction }
            items = Set(ordered.map(\.interaction.item))
            return
        }
        items.insert(e.interaction.item)
        guard let last = ordered.last, last.seq > e.seq else { return ordered.append(e) }
        var lo = 0, hi = ordered.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ordered[mid].seq < e.seq { lo = mid + 1 } else { hi = mid }
        }
        ordered.insert(e, at: lo)
    }
}
