import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// The recommend scoring kernel (`ALSModel.recommend(batch:)`, `scores(factors:)`): a batch equals
/// its requests one at a time bit for bit, every score equals a scalar fma chain in factor order, and
/// that chain is within the stated bound of a Double dot product. Shapes are deliberately not
/// multiples of the 16-wide tiles or the vector width.
@Suite struct BatchScoringTests {
    /// A model with seeded random factors (items × f), some item rows duplicated so scores tie exactly.
    /// `spread` scales item rows by e^N(0, 1.5²), so norms differ widely and the kernel's norm bound
    /// ends most scans early.
    static func model(items: Int, f: Int, users: Int = 12, seed: UInt64, spread: Bool = false) -> ALSModel {
        var userFactors = ALSFixtures.randomFactors(rows: users, f: f, seed: seed)
        var itemFactors = ALSFixtures.randomFactors(rows: items, f: f, seed: seed + 1)
        if spread {
            var rng = Xoshiro256(seed: seed + 3)
            for i in 0..<items {
                let scale = Float(Foundation.exp(1.5 * rng.nextGaussian()))
                for j in 0..<f { itemFactors[i, j] *= scale }
            }
        }
        for i in stride(from: 5, to: items, by: 7) {  // row i copies row i - 5: equal scores, ties by index
            for j in 0..<f { itemFactors[i, j] = itemFactors[i - 5, j] }
        }
        if users > 0 { for j in 0..<f { userFactors[0, j] = 0 } }  // all-zero scores: every item ties
        let matrix = ALSFixtures.randomMatrix(users: users, items: items, density: 0.2, seed: seed + 2)
        var config = ALSConfig()
        config.factors = f
        return ALSModel(factors: ALSFactors(users: userFactors, items: itemFactors), matrix: matrix,
                        users: IDMap(ids: (0..<users).map { "u\($0)" }), items: IDMap(ids: (0..<items).map { "i\($0)" }),
                        config: config)
    }

    /// s = fma(x[j], y[j], s) for j = 0..<f: the documented order of every score.
    static func fmaChain(_ x: [Float], _ y: UnsafeBufferPointer<Float>) -> Float {
        var s: Float = 0
        for j in 0..<x.count { s.addProduct(x[j], y[j]) }
        return s
    }

    /// Random queries: factors, seen lists (some duplicates), k from 0 to past the item count, exclusions.
    static func queries(_ count: Int, model: ALSModel, seed: UInt64) -> [RecommendQuery] {
        var rng = Xoshiro256(seed: seed)
        let n = model.header.items, f = model.factors
        return (0..<count).map { q in
            let x = q % 5 == 4 ? [Float](repeating: 0, count: f) : (0..<f).map { _ in Float(rng.nextGaussian()) }
            let seen = (0..<Int(rng.next() % 12)).map { _ in Int32(rng.next() % UInt64(n)) }
            let ks = [0, 1, 3, 10, n, n + 4]
            var filter = RecommendationFilter(excludeSeen: rng.next() % 4 != 0)
            if rng.next() % 3 == 0 { filter.excludeItems = ["i\(rng.next() % UInt64(n))", "no-such-item"] }
            return RecommendQuery(factors: x, seen: seen, k: ks[Int(rng.next() % UInt64(ks.count))], filter: filter)
        }
    }

    /// The stable full sort of the reference scores, exclusions as NaN: what any top-k must return.
    static func reference(_ q: RecommendQuery, model: ALSModel) -> [Recommendation] {
        let n = model.header.items
        var s = (0..<n).map { fmaChain(q.factors, model.itemFactors(Int32($0))) }
        if q.filter.excludeSeen { for i in q.seen { s[Int(i)] = .nan } }
        for id in q.filter.excludeItems { if let i = model.items.index(of: id) { s[Int(i)] = .nan } }
        if let include = q.filter.includeItems {
            for i in 0..<n where !include.contains("i\(i)") { s[i] = .nan }
        }
        let order = (0..<n).filter { !s[$0].isNaN }.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) }
        return order.prefix(max(0, q.k)).map { Recommendation(item: "i\($0)", itemIndex: Int32($0), score: s[$0]) }
    }

    static func bits(_ list: [Recommendation]) -> [String] { list.map { "\($0.itemIndex):\($0.score.bitPattern)" } }

    @Test("every score is the fma chain in factor order, within f·2⁻²³·Σ|xⱼyⱼ| of a Double dot",
          arguments: [(1, 1), (17, 7), (33, 16), (101, 33), (250, 64)])
    func scoresMatchReferences(shape: (items: Int, f: Int)) {
        let model = Self.model(items: shape.items, f: shape.f, seed: UInt64(shape.items * 31 + shape.f))
        for q in Self.queries(6, model: model, seed: 3) {
            let s = q.factors.withUnsafeBufferPointer { model.scores(factors: $0) }
            #expect(s.count == shape.items)
            for i in 0..<shape.items {
                let y = model.itemFactors(Int32(i))
                #expect(s[i].bitPattern == Self.fmaChain(q.factors, y).bitPattern, "item \(i)")
                let exact = Reference.dot(q.factors, Array(y))
                let magnitude = zip(q.factors, y).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
                let bound = Double(shape.f) * 0x1p-23 * magnitude + 1e-30
                #expect(abs(Double(s[i]) - exact) <= bound, "item \(i): \(s[i]) vs \(exact), bound \(bound)")
            }
        }
    }

    @Test("a batch of B equals B batches of one, bit for bit, B = 1…33",
          arguments: [(1, 3), (19, 7), (45, 16), (130, 33), (301, 64)])
    func batchEqualsSingle(shape: (items: Int, f: Int)) {
        let model = Self.model(items: shape.items, f: shape.f, seed: UInt64(shape.items + shape.f), spread: shape.items % 2 == 1)
        let all = Self.queries(33, model: model, seed: UInt64(shape.items))
        for b in 1...33 {
            let batch = Array(all.prefix(b))
            let together = model.recommend(batch: batch)
            #expect(together.count == b)
            for (q, list) in zip(batch, together) {
                let alone = model.recommend(batch: [q])[0]
                #expect(Self.bits(list) == Self.bits(alone), "B \(b)")
                #expect(list.map(\.item) == alone.map(\.item))
            }
        }
    }

    @Test("fused top-k equals the stable full sort of the reference scores (ties, exclusions, k past n)",
          arguments: [(1, 2), (16, 16), (37, 5), (200, 64), (1500, 24)])
    func topKMatchesFullSort(shape: (items: Int, f: Int)) {
        for spread in [false, true] {
            let model = Self.model(items: shape.items, f: shape.f, seed: 77, spread: spread)
            let queries = Self.queries(20, model: model, seed: 5)
            for (q, list) in zip(queries, model.recommend(batch: queries)) {
                #expect(Self.bits(list) == Self.bits(Self.reference(q, model: model)), "k \(q.k) spread \(spread)")
            }
        }
        let model = Self.model(items: shape.items, f: shape.f, seed: 77)
        let queries = Self.queries(20, model: model, seed: 5)
        // The single-request API is the same batch of one.
        for q in queries {
            let single = q.factors.withUnsafeBufferPointer { model.recommend(factors: $0, seen: q.seen, k: q.k, filter: q.filter) }
            #expect(Self.bits(single) == Self.bits(Self.reference(q, model: model)))
        }
    }

    @Test("items parallel to the user (score = ‖x‖·‖y‖ up to rounding): the norm bound never drops one")
    func parallelItemsTightBound() {
        let f = 33, n = 300
        var rng = Xoshiro256(seed: 21)
        let v = (0..<f).map { _ in Float(rng.nextGaussian()) }
        let scales = (0..<n).map { i in i % 9 == 8 ? Float(1.5) : Float(0.05 + 3 * rng.nextDouble()) }
        let items = Matrix(rows: n, cols: f, storage: (0..<n).flatMap { i in v.map { $0 * scales[i] } })
        var config = ALSConfig()
        config.factors = f
        let model = ALSModel(factors: ALSFactors(users: Matrix(rows: 1, cols: f, storage: v), items: items),
                             matrix: CSRMatrix(rows: 1, cols: n, rowIndices: [0], colIndices: [3], values: [1]),
                             users: IDMap(ids: ["u0"]), items: IDMap(ids: (0..<n).map { "i\($0)" }), config: config)
        let queries = [Float(1), 2, 0.5, -1].flatMap { c in
            [1, 7, 40].map { k in RecommendQuery(factors: v.map { $0 * c }, seen: [3, 17], k: k) }
        }
        for (q, list) in zip(queries, model.recommend(batch: queries)) {
            #expect(Self.bits(list) == Self.bits(Self.reference(q, model: model)), "k \(q.k)")
        }
    }

    @Test("an include list goes through the full score vector and still matches the reference, inside a batch")
    func includeListPath() {
        let model = Self.model(items: 90, f: 9, seed: 12)
        var queries = Self.queries(10, model: model, seed: 9)
        for q in stride(from: 0, to: queries.count, by: 2) { queries[q].filter.includeItems = (0..<40).map { "i\($0 * 2)" } }
        for (q, list) in zip(queries, model.recommend(batch: queries)) {
            #expect(Self.bits(list) == Self.bits(Self.reference(q, model: model)))
        }
    }

    @Test("a trained model's recommend(user:) equals the reference on its stored factors")
    func trainedUser() throws {
        let model = try ALSModelTests.model()
        for u in 0..<Int32(model.header.users) {
            let q = RecommendQuery(factors: Array(model.userFactors(u)), seen: Array(model.userHistoryItems(u)), k: 5)
            let got = model.recommend(user: "user-\(u)", k: 5)
            #expect(got.source == .model)
            #expect(Self.bits(got.items) == Self.bits(Self.reference(q, model: model).map {
                Recommendation(item: "item-\($0.itemIndex)", itemIndex: $0.itemIndex, score: $0.score)
            }))
        }
    }
}
