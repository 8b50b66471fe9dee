import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// `--weight-transform`: log1p and bm25 against a naive per-entry computation in Double, the
/// trainer applying it, and fold-in applying it the same way (docs/NUMERICS.md).
@Suite struct WeightTransformTests {
    /// 3 users × 4 items with a negative (negative-feedback) entry and an item every user has.
    static let tiny = CSRMatrix(rows: 3, cols: 4, rowIndices: [0, 0, 0, 1, 1, 2, 2, 2], colIndices: [0, 1, 3, 0, 2, 0, 1, 2],
                                values: [3, 1, 20, 1, -2, 7, 2, 5])

    /// BM25 written out entry by entry from its formula (docs/NUMERICS.md), in Double.
    static func naiveBM25(_ m: CSRMatrix, k1: Double, b: Double) -> [Double] {
        let n = Double(m.rows)
        var df = [Double](repeating: 0, count: m.cols)
        for c in m.columns { df[Int(c)] += 1 }
        let lengths = (0..<m.rows).map { r in m.range(ofRow: r).reduce(0.0) { $0 + abs(Double(m.values[$1])) } }
        let mean = lengths.reduce(0, +) / n
        var out: [Double] = []
        for r in 0..<m.rows {
            for k in m.range(ofRow: r) {
                let w = Double(m.values[k]), idf = max(0, log(n) - log(1 + df[Int(m.columns[k])]))
                let norm = (1 - b) + b * lengths[r] / mean
                out.append((w < 0 ? -1 : 1) * abs(w) * (k1 + 1) / (k1 * norm + abs(w)) * idf)
            }
        }
        return out
    }

    /// Tolerance: Float32 evaluation of a few operations on values below 40: 1e-5 relative.
    static func close(_ got: [Float], _ want: [Double]) -> Bool {
        got.count == want.count && zip(got, want).allSatisfy { abs(Double($0) - $1) <= 1e-5 * max(1, abs($1)) }
    }

    @Test func log1pIsSignedLnOnePlusEachEntry() {
        let t = WeightTransform.log1p.transformed(Self.tiny)
        #expect(t.columns == Self.tiny.columns && t.rowPointers == Self.tiny.rowPointers)
        let want = Self.tiny.values.map { w in (w < 0 ? -1.0 : 1.0) * log(1 + abs(Double(w))) }
        #expect(Self.close(t.values, want), "\(t.values) vs \(want)")
    }

    @Test(arguments: [(Float(100), Float(0.8)), (1.2, 0.75), (5, 0)])
    func bm25MatchesTheNaiveFormula(k1: Float, b: Float) {
        let t = WeightTransform(.bm25, k1: k1, b: b).transformed(Self.tiny)
        let want = Self.naiveBM25(Self.tiny, k1: Double(k1), b: Double(b))
        #expect(Self.close(t.values, want), "\(t.values) vs \(want)")
        // Item 0 is in every user's row: ln(3) − ln(4) < 0 is floored, so its weights become 0.
        #expect([0, 3, 5].allSatisfy { t.values[$0] == 0 })
        #expect(t.values[4] < 0, "negative feedback keeps its sign")
    }

    @Test func noneLeavesTheMatrixAlone() {
        #expect(WeightTransform.none.transformed(Self.tiny) == Self.tiny)
    }

    static func config(_ transform: WeightTransform) -> ALSConfig {
        var c = ALSConfig()
        c.factors = 6; c.iterations = 4; c.threads = 2; c.regularization = 0.1; c.alpha = 2
        c.solver = .cholesky; c.weightTransform = transform
        return c
    }

    /// The trainer reshapes the matrix it is given: training with a transform equals training
    /// without one on the transformed matrix, bit for bit.
    @Test(arguments: [WeightTransform.log1p, .bm25])
    func trainerAppliesTheTransform(transform: WeightTransform) throws {
        let m = ALSFixtures.randomMatrix(users: 30, items: 20, density: 0.2, seed: 5)
        let direct = try ALSTrainer(config: Self.config(transform)).fit(m)
        let by = try ALSTrainer(config: Self.config(.none)).fit(transform.transformed(m))
        #expect(direct.users.storage == by.users.storage && direct.items.storage == by.items.storage)
        let plain = try ALSTrainer(config: Self.config(.none)).fit(m)
        #expect(plain.users.storage != direct.users.storage, "the transform must change the fit")
    }

    /// The server's promise: a user's fold-in from their stored (untransformed) history equals
    /// their trained factors, bit for bit, also after a save/load round trip of the header.
    @Test(arguments: [WeightTransform.log1p, .bm25, WeightTransform(.bm25, k1: 1.2, b: 0.75)])
    func foldInOfTheHistoryEqualsTheTrainedFactors(transform: WeightTransform) throws {
        let table = ALSModelTests.table(users: 40, items: 25, seed: 13)
        let model = try ALSModel.train(table, config: Self.config(transform))
        #expect(model.header.transform == transform)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try model.save(to: dir.path("m.affinity"))
        let loaded = try ALSModel.load(path: dir.path("m.affinity"))
        #expect(loaded.header.transform == transform)
        for m in [model, loaded] {
            for u in 0..<Int32(m.header.users) {
                let (items, weights) = m.userHistory(u)
                #expect(weights == table.csr().values[table.csr().range(ofRow: Int(u))].map { $0 }, "history keeps the raw sums")
                var x: [Float] = []
                try m.foldIn(items: items, weights: weights, into: &x)
                #expect(x.map(\.bitPattern) == Array(m.userFactors(u)).map(\.bitPattern), "user \(u)")
            }
        }
    }

    @Test func aModelWithoutATransformHasNoHeaderKey() throws {
        let model = try ALSModel.train(ALSModelTests.table(users: 10, items: 8, seed: 2), config: Self.config(.none))
        let json = String(decoding: try JSONEncoder().encode(model.header), as: UTF8.self)
        #expect(!json.contains("weight_transform"))
        #expect(model.header.transform == .none)
    }

    @Test(arguments: [(Float(0), Float(0.8), "bm25-k1"), (.nan, 0.8, "bm25-k1"), (100, 1.5, "bm25-b"), (100, -0.1, "bm25-b")])
    func badBM25ParametersAreRefusedByName(k1: Float, b: Float, name: String) {
        var c = ALSConfig()
        c.weightTransform = WeightTransform(.bm25, k1: k1, b: b)
        #expect(throws: RecommenderError.self) { try c.validate() }
        do { try c.validate() } catch { #expect(error.description.hasPrefix(name), "\(error.description)") }
    }
}
