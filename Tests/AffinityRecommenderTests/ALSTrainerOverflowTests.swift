import AffinityNumerics
import Testing
@testable import AffinityRecommender

/// A fit whose confidences overflow stops with an error naming the row, never a model with
/// NaN/Inf factors: `.nonFinite` with CG (one and two threads; each worker checks the rows it
/// solves), `.notPositiveDefinite` with Cholesky (LAPACK refuses the Inf normal matrix).
@Suite struct ALSTrainerOverflowTests {
    @Test(arguments: [(ALSSolver.cholesky, 1), (.conjugateGradient(steps: 3), 1), (.conjugateGradient(steps: 3), 2)])
    func overflowingFactorsStopTheFit(solver: ALSSolver, threads: Int) {
        // Finite weights whose confidence α·w overflows Float32 for user "u3" on item "a" only. Each
        // iteration solves the items first, so the fit stops at item "a".
        var values = [Float](repeating: 1, count: 12)
        values[9] = 3e38
        let m = CSRMatrix(rows: 4, cols: 3, rowIndices: [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3],
                          colIndices: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], values: values)
        var c = ALSConfig()
        c.factors = 4; c.iterations = 2; c.threads = threads; c.solver = solver; c.alpha = 1000
        #expect {
            _ = try ALSTrainer(config: c).fit(m, userIDs: ["u0", "u1", "u2", "u3"], itemIDs: ["a", "b", "c"])
        } throws: { error in
            switch (solver, error as? RecommenderError) {
            case (.conjugateGradient, .nonFinite(let what, _)?): return what.contains("item 'a'") && what.contains("iteration 1")
            case (.cholesky, .notPositiveDefinite(let side, let row, let id)?): return side == "item" && row == 0 && id == "a"
            default: return false
            }
        }
    }
}
