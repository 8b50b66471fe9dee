import AffinityData

/// Why one item is recommended: its score split into one additive term per history item
/// (docs/EXPLAIN.md), with the largest terms kept.
public struct ItemExplanation: Sendable, Equatable {
    /// The explained (recommended) item's index.
    public var itemIndex: Int32
    /// Σ of every history item's contribution, summed in Double: the score the decomposition
    /// reproduces (equal to the served score up to Float rounding; see docs/EXPLAIN.md).
    public var total: Float
    /// The `k` largest contributions, descending (ties by ascending item index). Terms that are
    /// exactly 0 (ALS negative feedback, whose preference is 0) are left out.
    public var because: [ScoreContribution]

    public init(itemIndex: Int32, total: Float, because: [ScoreContribution]) {
        self.itemIndex = itemIndex
        self.total = total
        self.because = because
    }

    /// Keeps the `k` largest of `contributions` (one per entry of `history`, whose IDs `ids` gives)
    /// with their share of their sum. The one place both model kinds rank and share their terms.
    init(itemIndex: Int32, history: [Int32], contributions: [Double], k: Int, ids: IDMap) {
        precondition(history.count == contributions.count, "ItemExplanation: \(history.count) items but \(contributions.count) terms")
        let sum = contributions.reduce(0, +)
        let ranked = contributions.indices.filter { contributions[$0] != 0 }.sorted {
            (contributions[$0], history[$1]) > (contributions[$1], history[$0])
        }
        self.init(itemIndex: itemIndex, total: Float(sum), because: ranked.prefix(max(0, k)).map { t in
            ScoreContribution(item: ids[history[t]], itemIndex: history[t], contribution: Float(contributions[t]),
                              share: sum == 0 ? 0 : Float(contributions[t] / sum))
        })
    }
}
