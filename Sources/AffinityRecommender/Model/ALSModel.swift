public import AffinityData
import AffinityNumerics

/// A trained implicit-ALS model: factors, ID maps, history, and everything needed to serve.
///
/// ## API note for the server (issue 6)
/// - Load: `let model = try ALSModel.load(path:)` reads the file into private memory once and
///   uses factors, history and ID maps in place (no per-ID strings, no rebuilt tables), verifies
///   magic, version, CRC-32 and every section, and throws `RecommenderError.modelFile`
///   with a readable reason for a truncated, corrupted or future-version file. `ALSModel` is an
///   immutable `Sendable` value: keep it in your `ModelSnapshot` and share it across threads.
/// - Recommend: `recommend(user:k:filter:catalog:)` → `RecommendationList` with `source`
///   `.model` or `.popularFallback` (unknown user). For a user whose factors you keep
///   yourself (after online fold-in), call `recommend(factors:seen:k:filter:catalog:)`;
///   `recommend(batch:catalog:)` scores several users in one pass over the item factors with the
///   same bits as one at a time (the CKernels scoring kernel; docs/NUMERICS.md).
///   `RecommendationFilter` carries exclude_seen / categories / exclude_categories /
///   exclude_items / max_per_category with external IDs. Categories need an `ItemCatalog`.
/// - Cart as query: `recommendItems(items:k:filter:catalog:)`. Similar: `similarItems(item:k:)`.
/// - Fold-in: `foldIn(_:)` brings a `UserProfile` (a user's weights summed per item index)
///   up to date: it solves the user's factors exactly (the same least-squares routine as
///   training) against the fixed item factors, with scratch from the model's pool, and throws
///   rather than return a wrong vector. `foldIn(items:weights:into:scratch:)` is the same solve
///   over sorted arrays; about 15 µs for 50 interactions at 64 factors (Benchmarks/RESULTS.md,
///   `als_serving.sh`). Event-type weights are `header.eventWeights`; `userHistory(_:)` gives
///   a known user's training interactions to start a profile from.
/// - Training watermark for event replay: `header.trainingWatermark` (Unix seconds).
/// - Threads: recommend scoring is a single-threaded C kernel; fold-in and similar items use BLAS
///   on one vector: call `BLASThreads.set(1)` once at startup when many threads serve in parallel.
public struct ALSModel: Sendable {
    public let header: ALSModelHeader
    public let users: IDMap
    public let items: IDMap
    let storage: ModelStorage
    /// YᵀY + λI over the item factors (f×f; YᵀY with frequency scaling): the fixed part of every fold-in.
    let itemGram: [Float]
    /// Euclidean length of each item's factors, for cosine similarity.
    let itemNorms: [Float]
    /// Item indices by descending popularity (distinct users in the history; ties by index).
    let popularOrder: [Int32]
    let popularity: [Float]
    /// What `header.transform` needs from the training matrix (bm25 only), from the stored history.
    let transformStats: WeightTransform.Statistics?
    /// The item factors tiled for the batched scoring kernel (`recommend(batch:catalog:)`).
    let tiles: ItemTiles
    /// Scratch for fold-ins called without one (shared by copies of this model).
    let foldInScratch: LeastSquaresScratchPool
    /// Per-iteration timings and losses of the fit that produced this model (empty when loaded from a file).
    public internal(set) var fitReport = ALSFitReport()

    public var factors: Int { header.factors }

    init(header: ALSModelHeader, users: IDMap, items: IDMap, storage: ModelStorage) {
        self.header = header
        self.users = users
        self.items = items
        self.storage = storage
        let f = header.factors, n = header.items
        let itemView = MatrixView(base: storage.itemFactors, rows: n, cols: f)
        var gram = Matrix(rows: f, cols: f)
        var pieces = Matrix(rows: ALSTrainer.gramPieces * f, cols: f)
        // The trainer's own routine, so a fold-in repeats the final user half-step bit for bit.
        ALSTrainer.formGram(&gram, of: itemView, regularization: header.scaling.gramRegularization(header.regularization),
                            pieces: &pieces, workers: 1)
        itemGram = gram.storage
        itemNorms = (0..<n).map { BLAS.nrm2(f, storage.itemFactors + $0 * f, 1) }
        tiles = ItemTiles(items: storage.itemFactors, count: n, factors: f)
        foldInScratch = LeastSquaresScratchPool(factors: f)
        var counts = [Float](repeating: 0, count: n)
        for k in 0..<storage.nnz { counts[Int(storage.history.item(k))] += 1 }
        popularity = counts
        transformStats = header.transform.statistics(users: header.users, pairs: counts, nnz: storage.nnz) { storage.history.weight($0) }
        popularOrder = Popularity.order(counts)
    }

    /// User `u`'s factors (f Floats, valid while the model is alive).
    public func userFactors(_ u: Int32) -> UnsafeBufferPointer<Float> {
        precondition(u >= 0 && Int(u) < header.users, "userFactors: index \(u) out of 0..<\(header.users)")
        return UnsafeBufferPointer(start: storage.userFactors + Int(u) * factors, count: factors)
    }

    /// Item `i`'s factors (f Floats, valid while the model is alive).
    public func itemFactors(_ i: Int32) -> UnsafeBufferPointer<Float> {
        precondition(i >= 0 && Int(i) < header.items, "itemFactors: index \(i) out of 0..<\(header.items)")
        return UnsafeBufferPointer(start: storage.itemFactors + Int(i) * factors, count: factors)
    }

    /// A known user's training item indices (sorted), read in place without copying.
    public func userHistoryItems(_ u: Int32) -> HistoryItems {
        precondition(u >= 0 && Int(u) < header.users, "userHistoryItems: index \(u) out of 0..<\(header.users)")
        return HistoryItems(storage: storage, user: Int(u))
    }

    /// A known user's training interactions: item indices (sorted) and summed weights.
    public func userHistory(_ u: Int32) -> (items: [Int32], weights: [Float]) {
        precondition(u >= 0 && Int(u) < header.users, "userHistory: index \(u) out of 0..<\(header.users)")
        let r = storage.historyRange(Int(u))
        return (r.map { storage.history.item($0) }, r.map { storage.history.weight($0) })
    }

    /// Whether user `u` interacted with item `i` in training (binary search, O(log history)).
    public func hasSeen(user u: Int32, item i: Int32) -> Bool { storage.history.contains(user: Int(u), item: i) }
}
