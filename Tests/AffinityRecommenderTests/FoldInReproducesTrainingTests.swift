import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// docs/FORMATS.md's promise: a fold-in of a user's stored history reproduces the stored
/// factors. The trainer's final half-step is the exact user solve against the final item
/// factors (the same routine and Gram matrix as fold-in), so the promise holds bit for bit,
/// for every user, with either solver, before and after a save/load round trip.
@Suite struct FoldInReproducesTrainingTests {
    static func model(solver: ALSSolver, confidence: ConfidenceConvention) throws -> ALSModel {
        var c = ALSConfig()
        c.factors = 8; c.iterations = 5; c.threads = 2; c.regularization = 0.1; c.alpha = 2
        c.solver = solver; c.confidence = confidence
        return try ALSModel.train(ALSModelTests.table(users: 60, items: 35, seed: 21), config: c)
    }

    static func foldIn(_ model: ALSModel, user u: Int32) throws -> [Float] {
        let (items, weights) = model.userHistory(u)
        var x: [Float] = []
        try model.foldIn(items: items, weights: weights, into: &x)
        return x
    }

    @Test(arguments: [ALSSolver.conjugateGradient(steps: 3), .cholesky], ConfidenceConvention.allCases)
    func everyUsersFoldInEqualsTheStoredFactorsBitForBit(solver: ALSSolver, confidence: ConfidenceConvention) throws {
        let model = try Self.model(solver: solver, confidence: confidence)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try model.save(to: dir.path("m.affinity"))
        let loaded = try ALSModel.load(path: dir.path("m.affinity"))
        for m in [model, loaded] {
            for u in 0..<Int32(m.header.users) {
                let stored = Array(m.userFactors(u))
                #expect(try Self.foldIn(m, user: u).map(\.bitPattern) == stored.map(\.bitPattern), "user \(u)")
            }
        }
    }

    /// Independent of the shared routine: the stored user factors solve the user's dense normal
    /// equations (built cell by cell over every item) against the stored item factors.
    /// Tolerance: Float32 solve of a small well-conditioned system (λ = 0.1, f = 8); 1e-3
    /// relative is well above its rounding and far below the percent-level gap of a
    /// stale half-step.
    @Test(arguments: [ALSSolver.conjugateGradient(steps: 3), .cholesky])
    func storedUserFactorsAreTheExactSolveAgainstTheStoredItems(solver: ALSSolver) throws {
        let model = try Self.model(solver: solver, confidence: .onePlusAlpha)
        let f = model.factors
        let items = Matrix(rows: model.header.items, cols: f,
                           storage: (0..<Int32(model.header.items)).flatMap { Array(model.itemFactors($0)) })
        for u in 0..<Int32(model.header.users) {
            let (idx, w) = model.userHistory(u)
            let problem = LeastSquaresTests.Problem(items: items, indices: idx, weights: w, lambda: model.header.regularization,
                                                    confidence: Confidence(alpha: model.header.alpha, convention: .onePlusAlpha))
            let (a, b) = LeastSquaresTests.denseSystem(problem)
            let exact = try #require(Reference.solve(a, b))
            let stored = Array(model.userFactors(u)).map(Double.init)
            let err = Tolerance.norm(zip(stored, exact).map { $0 - $1 }) / max(Tolerance.norm(exact), 1e-30)
            #expect(err <= 1e-3, "user \(u): relative error \(err)")
        }
    }
}
