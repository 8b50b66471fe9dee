import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// EASE: closed-form B against hand-computed and Double references, the memory guard, scoring.
@Suite struct EASETests {
    /// Users {0,1}, {0,1}, {1,2}, {0}, {2} with weight 1 and λ = 1:
    /// G + λI = [[4,2,0],[2,4,1],[0,1,3]], det 32, P = (1/32)·[[11,−6,2],[−6,12,−4],[2,−4,12]],
    /// so B = −P·diag(1/diag P) off the diagonal: row 0 = (0, 1/2, −1/6), row 1 = (6/11, 0, 1/3),
    /// row 2 = (−2/11, 1/3, 0).
    @Test func tinyMatrixMatchesTheHandComputedInverse() throws {
        let rows: [[Int32]] = [[0, 1], [0, 1], [1, 2], [0], [2]]
        let x = CSRMatrix(rows: 5, cols: 3, rowIndices: rows.enumerated().flatMap { u, r in r.map { _ in Int32(u) } },
                          colIndices: rows.flatMap { $0 }, values: [Float](repeating: 1, count: 8))
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: 1))
        let expected: [[Double]] = [[0, 1.0 / 2, -1.0 / 6], [6.0 / 11, 0, 1.0 / 3], [-2.0 / 11, 1.0 / 3, 0]]
        for i in 0..<3 {
            let row = Array(model.weights(item: Int32(i)))
            for j in 0..<3 { #expect(abs(Double(row[j]) - expected[i][j]) <= 1e-6, "B[\(i)][\(j)] = \(row[j])") }
        }
        // User 2 = {1, 2}: scores = row 1 + row 2 = (6/11 − 2/11, 1/3, 1/3).
        let s = model.scores(history: model.userHistory(2))
        #expect(abs(Double(s[0]) - 4.0 / 11) <= 1e-6 && abs(Double(s[1]) - 1.0 / 3) <= 1e-6)
        #expect(model.recommend(user: "u2", k: 3).items.map(\.item) == ["i0"])
    }

    /// Tolerance 1e-4 relative to the largest |score| (at least 1): B is Float32 from a Double
    /// inverse, and each score sums ≤ 40 Float32 terms.
    @Test(arguments: [(UInt64(3), 10.0), (UInt64(4), 1.0)])
    func scoresMatchAPlainDoubleReference(seed: UInt64, l2: Double) throws {
        let x = ALSFixtures.randomMatrix(users: 60, items: 40, density: 0.2, seed: seed)
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: l2, threads: 2))
        let b = EASEFixtures.referenceB(x, l2: l2)
        for u in 0..<x.rows {
            let expected = EASEFixtures.referenceScores(x, user: u, b: b)
            let got = model.scores(history: model.userHistory(Int32(u)))
            let scale = max(1, expected.map(abs).max()!)
            #expect(Tolerance.maxRelativeError(got, expected, scale: scale) <= 1e-4, "user \(u)")
        }
    }

    /// Both Gram paths (compacted small blocks and full-width dsyrk) against a naive sum.
    @Test(arguments: [1, 2, 7, 256])
    func gramMatchesANaiveSumForEveryBlockSize(blockRows: Int) {
        let x = ALSFixtures.randomMatrix(users: 30, items: 50, density: 0.04, seed: 9)
        let n = x.cols
        let g = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        defer { g.deallocate() }
        EASETrainer.gram(x, into: g, blockRows: blockRows)
        var naive = [Double](repeating: 0, count: n * n)
        for u in 0..<x.rows {
            for a in x.range(ofRow: u) {
                for b in x.range(ofRow: u) { naive[Int(x.columns[a]) * n + Int(x.columns[b])] += Double(x.values[a] * x.values[b]) }
            }
        }
        for k in 0..<(n * n) { #expect(g[k] == naive[k], "entry (\(k / n), \(k % n))") }
    }

    /// 10⁷ items would need 1.2·10¹⁵ bytes: the guard must refuse before any allocation (an
    /// attempt would abort the test process).
    @Test func refusesACatalogueTooLargeForMemoryBeforeAllocating() {
        let n = 10_000_000
        let x = CSRMatrix(rows: 1, cols: n, rowPointers: [0, 0], columns: [], values: [])
        #expect(EASETrainer.requiredBytes(items: n) == 12 * n * n)
        #expect {
            let b = try EASETrainer.fit(x, config: EASEConfig(l2: 1, maxMemoryBytes: 1 << 30))
            b.deallocate()
        } throws: { error in
            "\(error)".contains("12·n² bytes") && "\(error)".contains("10000000 items") && "\(error)".contains("--max-memory")
        }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: RecommenderError.invalidParameter(name: "l2", requirement: "a finite number > 0", got: "0.0")) {
            try EASEConfig(l2: 0).validate()
        }
        #expect(throws: RecommenderError.invalidParameter(name: "threads", requirement: "between 1 and 256", got: "0")) {
            try EASEConfig(threads: 0).validate()
        }
    }

    @Test func cartAndSimilarUseTheItemsRowsOfB() throws {
        let x = ALSFixtures.randomMatrix(users: 50, items: 20, density: 0.25, seed: 21)
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: 5))
        let row = Array(model.weights(item: 3))
        let similar = try model.similarItems(item: "i3", k: 5)
        let expected = TopK.select(row.enumerated().map { $0.offset == 3 ? .nan : $0.element }, k: 5)
        #expect(similar.map(\.itemIndex) == expected.map(\.index))
        let cart = model.recommendItems(items: ["i3", "i5"], k: 4)
        let sum = zip(row, model.weights(item: 5)).map { $0 + $1 }
        let top = TopK.select(sum.enumerated().map { [3, 5].contains($0.offset) ? .nan : $0.element }, k: 4)
        #expect(cart.source == .model && cart.items.map(\.itemIndex) == top.map(\.index))
        #expect(model.recommend(user: "stranger").source == .popularFallback)
        #expect(throws: RecommenderError.unknownItem("nope")) { try model.similarItems(item: "nope") }
    }

    /// A click adds its weight to the user's row: the clicked item's B row enters the scores at once.
    @Test func aClickChangesTheScoresImmediately() throws {
        let x = ALSFixtures.randomMatrix(users: 40, items: 15, density: 0.2, seed: 2)
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: 3))
        var history = model.userHistory(0)
        let before = model.scores(history: history)
        let clicked = (0..<Int32(15)).first { i in !history.contains { $0.itemIndex == i } }!
        history.append((clicked, 2))
        let after = model.scores(history: history)
        let row = model.weights(item: clicked)
        for j in 0..<15 { #expect(abs(after[j] - (before[j] + 2 * row[j])) <= 1e-5) }
    }
}
