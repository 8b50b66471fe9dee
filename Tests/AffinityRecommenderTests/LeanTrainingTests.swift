import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// `ALSModel.train` releases the table's rows while it builds the matrix and the matrix before it
/// assembles the model (peak memory, Benchmarks/RESULTS.md). These check it trains and stores exactly
/// what the plain composition does: the matrix from `csr()`, `ALSTrainer.fit`, `ALSModel(factors:matrix:…)`.
@Suite struct LeanTrainingTests {
    /// A table with duplicate (user, item) rows in shuffled order, so the build has pairs to sum and rows to sort.
    static func table() -> InteractionTable {
        let base = ALSModelTests.table(users: 30, items: 20, seed: 13)
        var order = Array(0..<base.count) + Array(0..<base.count).filter { $0 % 3 == 0 }
        var rng = Xoshiro256(seed: 4)
        rng.shuffle(&order)
        var t = InteractionTable(users: base.users, items: base.items)
        for r in order {
            t.userIndices.append(base.userIndices[r]); t.itemIndices.append(base.itemIndices[r])
            t.weights.append(base.weights[r] * 0.37)
        }
        t.timestamps = order.map { Int64(1_700_000_000 + $0) }
        return t
    }

    @Test func takeCSRBuildsTheSameMatrixAndKeepsTheIDMaps() {
        var t = Self.table()
        let expected = t.csr()
        let users = t.users, items = t.items
        let m = t.takeCSR()
        #expect(m == expected)
        #expect(t.count == 0 && t.userIndices.isEmpty && t.itemIndices.isEmpty && t.timestamps == nil)
        #expect(t.users == users && t.items == items)
    }

    @Test(arguments: [ALSSolver.conjugateGradient(steps: 3), .cholesky])
    func trainMatchesThePlainCompositionBitForBit(solver: ALSSolver) throws {
        var c = ALSConfig()
        c.factors = 8; c.iterations = 3; c.threads = 2; c.regularization = 0.1; c.solver = solver; c.alpha = 2
        let t = Self.table()
        let matrix = t.csr()
        let fit = try ALSTrainer(config: c).fit(matrix)
        let plain = ALSModel(factors: fit, matrix: matrix, users: t.users, items: t.items, config: c,
                             trainingWatermark: t.timestamps?.max())
        let lean = try ALSModel.train(t, config: c)
        #expect(lean.header.datasetFingerprint == plain.header.datasetFingerprint && lean.header.nnz == matrix.nnz)
        #expect(lean.header.trainingWatermark == plain.header.trainingWatermark)
        for u in 0..<Int32(t.users.count) {
            #expect(Array(lean.userFactors(u)).map(\.bitPattern) == Array(plain.userFactors(u)).map(\.bitPattern))
            #expect(lean.userHistory(u) == plain.userHistory(u))
        }
        for i in 0..<Int32(t.items.count) {
            #expect(Array(lean.itemFactors(i)).map(\.bitPattern) == Array(plain.itemFactors(i)).map(\.bitPattern))
        }
    }
}
