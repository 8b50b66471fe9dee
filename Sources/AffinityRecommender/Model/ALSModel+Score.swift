import AffinityData
import CKernels

/// One user's request in a batch for `ALSModel.recommend(batch:catalog:)`.
public struct RecommendQuery: Sendable {
    /// The user's factors (`model.factors` Floats).
    public var factors: [Float]
    /// Item indices to leave out when `filter.excludeSeen` is on (any order; duplicates allowed).
    public var seen: [Int32]
    public var k: Int
    public var filter: RecommendationFilter

    public init(factors: [Float], seen: [Int32] = [], k: Int, filter: RecommendationFilter = RecommendationFilter()) {
        self.factors = factors
        self.seen = seen
        self.k = k
        self.filter = filter
    }
}

extension ALSModel {
    /// The most users scored in one kernel call (the kernel keeps one small heap per user).
    static let maxKernelBatch = 64

    /// Top-`k` lists for several users at once, in query order. Every item's factors are read once
    /// per batch instead of once per user. The result for each query equals a batch of one bit for
    /// bit (scores come from one fixed-order fma chain per (user, item): docs/NUMERICS.md), and
    /// `recommend(factors:seen:k:filter:catalog:)` is exactly that batch of one.
    ///
    /// Queries whose filter needs more than exclusions (an include list, or category rules with a
    /// catalog) are scored one at a time into a full score vector and go through `select`.
    public func recommend(batch queries: [RecommendQuery], catalog: ItemCatalog? = nil) -> [[Recommendation]] {
        var out = [[Recommendation]](repeating: [], count: queries.count)
        var fused: [Int] = []
        for (q, query) in queries.enumerated() {
            precondition(query.factors.count == factors,
                         "recommend: factors has \(query.factors.count) elements; the model has \(factors)")
            guard query.k > 0 else { continue }
            if query.filter.includeItems == nil && (catalog == nil || !query.filter.usesCategories) {
                fused.append(q)
            } else {
                var s = query.factors.withUnsafeBufferPointer { scores(factors: $0) }
                if query.filter.excludeSeen { for i in query.seen { s[Int(i)] = .nan } }
                out[q] = select(scores: &s, k: query.k, filter: query.filter, catalog: catalog)
            }
        }
        var start = 0
        while start < fused.count {
            let chunk = fused[start..<min(fused.count, start + Self.maxKernelBatch)]
            let lists = topK(chunk.map { queries[$0] })
            for (q, list) in zip(chunk, lists) { out[q] = list }
            start += chunk.count
        }
        return out
    }

    /// Every item's score (dot product) for user factors `x`, from the same kernel as `recommend(batch:catalog:)`.
    public func scores(factors x: UnsafeBufferPointer<Float>) -> [Float] {
        precondition(x.count == factors, "scores: factors has \(x.count) elements; the model has \(factors)")
        let n = header.items
        var s = [Float](repeating: 0, count: n)
        guard n > 0, let xBase = x.baseAddress else { return s }
        s.withUnsafeMutableBufferPointer { out in
            var xs: UnsafePointer<Float>? = xBase
            var outs: UnsafeMutablePointer<Float>? = out.baseAddress
            affinity_score_items(tiles.base, tiles.order, n, factors, 1, &xs, &outs)
        }
        return s
    }

    /// The fused kernel for up to `maxKernelBatch` queries whose only rules are exclusions.
    private func topK(_ queries: [RecommendQuery]) -> [[Recommendation]] {
        let m = queries.count, n = header.items, f = factors
        guard n > 0 else { return queries.map { _ in [] } }
        let caps = queries.map { min($0.k, n) }
        let excluded: [[Int32]] = queries.map { q in
            var e = q.filter.excludeSeen ? q.seen : []
            for id in q.filter.excludeItems { if let i = items.index(of: id) { e.append(i) } }
            e.sort()
            return e
        }
        let xs = UnsafeMutablePointer<Float>.allocate(capacity: m * f)
        let slots = caps.reduce(0, +)
        let outIndex = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, slots))
        let outScore = UnsafeMutablePointer<Float>.allocate(capacity: max(1, slots))
        defer { xs.deallocate(); outIndex.deallocate(); outScore.deallocate() }
        var xPointers: [UnsafePointer<Float>?] = []
        var indexPointers: [UnsafeMutablePointer<Int32>?] = []
        var scorePointers: [UnsafeMutablePointer<Float>?] = []
        var offset = 0
        for (b, q) in queries.enumerated() {
            q.factors.withUnsafeBufferPointer { (xs + b * f).initialize(from: $0.baseAddress!, count: f) }
            xPointers.append(UnsafePointer(xs + b * f))
            indexPointers.append(outIndex + offset)
            scorePointers.append(outScore + offset)
            offset += caps[b]
        }
        var counts = [Int](repeating: 0, count: m)
        let ks = queries.map(\.k)
        // Each exclusion list is passed by pointer for the duration of the call.
        withPointers(excluded) { exclusionPointers in
            let exclusionCounts = excluded.map(\.count)
            affinity_score_topk(tiles.base, tiles.order, tiles.tileNorms, n, f, m, xPointers, exclusionPointers,
                                exclusionCounts, ks, indexPointers, scorePointers, &counts)
        }
        return (0..<m).map { b in
            (0..<counts[b]).map { r in
                let i = indexPointers[b]![r]
                return Recommendation(item: items[i], itemIndex: i, score: scorePointers[b]![r])
            }
        }
    }
}

/// Calls `body` with a base pointer for each array (nil for an empty one), all valid during the call.
private func withPointers<R>(_ arrays: [[Int32]], _ body: ([UnsafePointer<Int32>?]) -> R) -> R {
    let total = arrays.reduce(0) { $0 + $1.count }
    let flat = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, total))
    defer { flat.deallocate() }
    var pointers: [UnsafePointer<Int32>?] = []
    var offset = 0
    for a in arrays {
        a.withUnsafeBufferPointer { if let b = $0.baseAddress { (flat + offset).initialize(from: b, count: a.count) } }
        pointers.append(UnsafePointer(flat + offset))
        offset += a.count
    }
    return body(pointers)
}
