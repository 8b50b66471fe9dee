/// One user as the online path keeps them: their interactions summed per item index, in the order
/// they were added (training history first, then online events in sequence order), and the
/// model's state for those sums (for ALS the folded-in factors; a model that scores the weighted
/// history itself keeps no more than the sums). Bounded by the user's distinct items, not events.
///
/// Adding and solving are separate so a caller can solve a copy outside its lock and keep the
/// result only if nothing newer was solved meanwhile (`adoptFactors(of:)`).
public struct UserProfile: Sendable, Equatable {
    /// Summed weight per item index.
    public private(set) var weights: [ItemIndex: Float] = [:]
    /// The model's state for `weights` as of `factorsRevision`; nil before the first solve.
    public private(set) var factors: [Float]?
    /// Number of `add`s so far, and the number the current `factors` cover.
    public private(set) var revision = 0
    public private(set) var factorsRevision = 0

    public init() {}

    /// A profile starting from a trained user's interactions, summed in the given order.
    public init(trained: some Sequence<(item: ItemIndex, weight: Float)>) {
        for (item, weight) in trained { add(item, weight: weight) }
    }

    /// Adds one interaction: duplicates of an item are summed, in the order added, as training sums
    /// duplicate (user, item) rows. The only place the online path sums weights.
    public mutating func add(_ item: ItemIndex, weight: Float) {
        weights[item, default: 0] += weight
        revision += 1
    }

    /// The items with a positive summed weight: what the user interacted with, and what `exclude_seen`
    /// hides. An item with only negative feedback (impressions, dismissals) stays a candidate.
    public var interactedItems: [ItemIndex] { weights.compactMap { $0.value > 0 ? $0.key : nil } }

    /// True when `add` ran since the factors were last set (or they never were).
    public var isStale: Bool { factors == nil || factorsRevision < revision }

    /// The sums by ascending item index: the rows a fold-in solves over.
    public func sortedWeights() -> (items: [ItemIndex], weights: [Float]) {
        let items = weights.keys.sorted()
        return (items, items.map { weights[$0]! })
    }

    /// Records `x` as the model's state for the current sums (what a fold-in computed from them).
    public mutating func setFactors(_ x: [Float]) {
        factors = x
        factorsRevision = revision
    }

    /// Takes the factors of `solved` (a copy of this profile solved since) when they cover more adds
    /// than the current ones; a solve that finished after a newer one is dropped. Returns whether it did.
    @discardableResult
    public mutating func adoptFactors(of solved: UserProfile) -> Bool {
        guard let x = solved.factors, solved.factorsRevision > factorsRevision || factors == nil else { return false }
        factors = x
        factorsRevision = solved.factorsRevision
        return true
    }
}
