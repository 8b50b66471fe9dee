public import AffinityData
import AffinityNumerics

/// A trained EASE model (Steck 2019): the item–item weight matrix B, ID maps and the users'
/// training history. A user's scores are x_u·B, where x_u is the user's history row weighted
/// by the event-weight table (`header.eventWeights`), each summed weight reshaped by
/// `header.transform` as in training; B's diagonal is zero, so an item never recommends itself.
///
/// ## API note for the server
/// - State per user is just (item index, weight) pairs: `scores(history:)` and
///   `recommend(history:k:filter:catalog:)` take them directly, so per-click learning is
///   immediate — add the event's weight to the user's pair for that item and rescore (docs/EASE.md).
/// - `userHistory(_:)` gives a known user's training pairs to combine with new events;
///   `recommend(user:…)` / `recommendItems(items:…)` / `similarItems(item:k:)` mirror `ALSModel`.
/// - Load with `EASEModel.load(path:)` (B and the history are used in place); the value is
///   immutable and `Sendable`. Scoring is single-threaded (one BLAS axpy per history item).
public struct EASEModel: Sendable {
    public let header: EASEModelHeader
    public let users: IDMap
    public let items: IDMap
    let storage: EASEStorage
    /// Item indices by descending popularity (distinct users in the history; ties by index).
    let popularOrder: [Int32]
    let popularity: [Float]
    /// What `header.transform` needs from the training matrix (bm25 only), from the stored history.
    let transformStats: WeightTransform.Statistics?

    init(header: EASEModelHeader, users: IDMap, items: IDMap, storage: EASEStorage) {
        self.header = header
        self.users = users
        self.items = items
        self.storage = storage
        var counts = [Float](repeating: 0, count: header.items)
        for k in 0..<storage.nnz { counts[Int(storage.history.item(k))] += 1 }
        popularity = counts
        transformStats = header.transform.statistics(users: header.users, pairs: counts, nnz: storage.nnz) { storage.history.weight($0) }
        popularOrder = Popularity.order(counts)
    }

    /// Row `i` of B: how much item `i` in a history adds to each item's score (items Floats,
    /// valid while the model is alive).
    public func weights(item i: Int32) -> UnsafeBufferPointer<Float> {
        precondition(i >= 0 && Int(i) < header.items, "weights: item index \(i) out of 0..<\(header.items)")
        return UnsafeBufferPointer(start: storage.weights + Int(i) * header.items, count: header.items)
    }

    /// Whether user `u` interacted with item `i` in training (binary search, O(log history)).
    public func hasSeen(user u: Int32, item i: Int32) -> Bool { storage.history.contains(user: Int(u), item: i) }

    /// A known user's training interactions: item indices (sorted) and summed weights.
    public func userHistory(_ u: Int32) -> [(itemIndex: Int32, weight: Float)] {
        // Untransformed sums: `accumulate` and `explain` apply `header.transform`.
        precondition(u >= 0 && Int(u) < header.users, "userHistory: index \(u) out of 0..<\(header.users)")
        return storage.history.range(Int(u)).map { (storage.history.item($0), storage.history.weight($0)) }
    }
}
