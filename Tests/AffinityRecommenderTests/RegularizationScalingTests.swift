import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// Frequency scaling (λ·n per row, n = the row's positive-weight nonzeros) against the dense
/// reference of `LeastSquaresTests` with λ replaced by λ·n, computed independently here.
@Suite struct RegularizationScalingTests {
    /// A random matrix whose every third nonzero is negative (not counted in n).
    static func matrix(seed: UInt64) -> CSRMatrix {
        let m = ALSFixtures.randomMatrix(users: 30, items: 25, density: 0.2, seed: seed)
        let values = m.values.enumerated().map { $0.offset % 3 == 2 ? -$0.element : $0.element }
        let rows = (0..<m.rows).flatMap { r in m.range(ofRow: r).map { _ in Int32(r) } }
        return CSRMatrix(rows: m.rows, cols: m.cols, rowIndices: rows, colIndices: m.columns, values: values)
    }

    /// Relative L2 distance of `x` from the dense solve of row `r` of `csr` against `fixed`
    /// with penalty `lambda`.
    static func distance(_ x: [Float], row r: Int, of csr: CSRMatrix, fixed: Matrix, lambda: Float, alpha: Float) throws -> Double {
        let range = csr.range(ofRow: r)
        let problem = LeastSquaresTests.Problem(items: fixed, indices: range.map { csr.columns[$0] },
                                                weights: range.map { csr.values[$0] }, lambda: lambda,
                                                confidence: Confidence(alpha: alpha, convention: .onePlusAlpha))
        let (a, b) = LeastSquaresTests.denseSystem(problem)
        let exact = try #require(Reference.solve(a, b))
        return Tolerance.norm(zip(x, exact).map { Double($0) - $1 }) / max(Tolerance.norm(exact), 1e-30)
    }

    static func positives(_ csr: CSRMatrix, _ r: Int) -> Int { csr.range(ofRow: r).count { csr.values[$0] > 0 } }

    // Tolerance: f = 8, λ·n ≥ 0.5 on rows with a positive weight: well-conditioned Float32 systems,
    // 1e-3 relative is far above their rounding and far below the effect of λ·n vs λ (checked).
    @Test(arguments: [ALSSolver.cholesky, .conjugateGradient(steps: 40)])
    func halfSweepSolvesEachRowWithLambdaTimesItsPositiveCount(solver: ALSSolver) throws {
        let csr = Self.matrix(seed: 5)
        let f = 8, lambda: Float = 0.5, alpha: Float = 2
        let fixed = ALSFixtures.randomFactors(rows: csr.cols, f: f, seed: 6)
        var target = Matrix(rows: csr.rows, cols: f)
        var gram = Matrix(rows: f, cols: f), pieces = Matrix(rows: ALSTrainer.gramPieces * f, cols: f)
        let failed = ALSTrainer.halfSweep(&target, fixed: fixed, csr: csr, blocks: [0..<csr.rows], gram: &gram,
                                          gramPieces: &pieces, regularization: lambda, scaling: .frequency,
                                          confidence: Confidence(alpha: alpha, convention: .onePlusAlpha),
                                          solver: solver, scratches: [LeastSquaresScratch(factors: f)])
        #expect(failed.notPositiveDefinite == nil && failed.nonFinite == nil)
        var differsFromPlain = 0
        for r in 0..<csr.rows {
            let x = Array(target.storage[(r * f)..<((r + 1) * f)])
            let n = Self.positives(csr, r)
            let err = try Self.distance(x, row: r, of: csr, fixed: fixed, lambda: lambda * Float(n), alpha: alpha)
            #expect(err <= 1e-3, "row \(r) (n = \(n)): relative error \(err)")
            if n > 1, try Self.distance(x, row: r, of: csr, fixed: fixed, lambda: lambda, alpha: alpha) > 1e-2 {
                differsFromPlain += 1
            }
        }
        #expect(differsFromPlain > csr.rows / 2, "λ·n made no difference on most rows")
    }

    /// The model records the scheme (also after save/load), and fold-in uses it: the stored
    /// users are the λ·n solve against the stored items and fold-in gives them back bit for bit.
    @Test(arguments: [ALSSolver.cholesky, .conjugateGradient(steps: 3)])
    func trainedModelStoresTheSchemeAndFoldInUsesIt(solver: ALSSolver) throws {
        let csr = Self.matrix(seed: 9)
        var c = ALSConfig()
        c.factors = 8; c.iterations = 4; c.threads = 2; c.regularization = 0.3; c.alpha = 2
        c.solver = solver; c.regularizationScaling = .frequency
        let trained = try ALSModel.train(EASEFixtures.table(csr), config: c)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try trained.save(to: dir.path("m.affinity"))
        let model = try ALSModel.load(path: dir.path("m.affinity"))
        #expect(model.header.regularizationScaling == .frequency)
        let f = model.factors
        let items = Matrix(rows: model.header.items, cols: f,
                           storage: (0..<Int32(model.header.items)).flatMap { Array(model.itemFactors($0)) })
        for u in 0..<Int32(model.header.users) {
            let stored = Array(model.userFactors(u))
            let (idx, w) = model.userHistory(u)
            var x: [Float] = []
            try model.foldIn(items: idx, weights: w, into: &x)
            #expect(x.map(\.bitPattern) == stored.map(\.bitPattern), "user \(u)")
            let n = Float(w.count { $0 > 0 })
            let err = try Self.distance(stored, row: Int(u), of: csr, fixed: items, lambda: 0.3 * n, alpha: 2)
            #expect(err <= 1e-3, "user \(u): relative error \(err)")
        }
    }

    /// The loss the trainer reports equals the objective summed cell by cell in Double, with
    /// λ·n per user and item; with exact solves it never rises. Tolerance: Float32 partial sums
    /// over ~750 cells, 1e-4 relative.
    @Test(arguments: RegularizationScaling.allCases)
    func reportedLossIsTheScaledObjective(scaling: RegularizationScaling) throws {
        let csr = Self.matrix(seed: 12)
        var c = ALSConfig()
        c.factors = 6; c.iterations = 5; c.threads = 2; c.regularization = 0.4; c.alpha = 2
        c.solver = .cholesky; c.regularizationScaling = scaling; c.computeLoss = true
        let fit = try ALSTrainer(config: c).fit(csr)
        let byItem = csr.transposed()
        let confidence = Confidence(alpha: 2, convention: .onePlusAlpha)
        func row(_ m: Matrix, _ r: Int) -> [Double] { (0..<m.cols).map { Double(m[r, $0]) } }
        func penalty(_ m: CSRMatrix, _ r: Int) -> Double { scaling == .none ? 0.4 : 0.4 * Double(Self.positives(m, r)) }
        var naive = 0.0
        for u in 0..<csr.rows {
            let x = row(fit.users, u)
            naive += penalty(csr, u) * x.reduce(0) { $0 + $1 * $1 }
            for i in 0..<csr.cols {
                let k = csr.range(ofRow: u).first { csr.columns[$0] == Int32(i) }
                let w = k.map { csr.values[$0] }
                let cost = Double(w.map { confidence.excess($0) + 1 } ?? 1), pref: Double = (w ?? 0) > 0 ? 1 : 0
                let s = zip(x, row(fit.items, i)).reduce(0) { $0 + $1.0 * $1.1 }
                naive += cost * (pref - s) * (pref - s)
            }
        }
        for i in 0..<csr.cols { naive += penalty(byItem, i) * row(fit.items, i).reduce(0) { $0 + $1 * $1 } }
        let reported = try #require(fit.report.losses.last)
        #expect(abs(reported - naive) <= 1e-4 * naive, "reported \(reported), naive \(naive)")
        for (a, b) in zip(fit.report.losses, fit.report.losses.dropFirst()) { #expect(b <= a * (1 + 1e-5), "\(fit.report.losses)") }
    }

    @Test func absentKeyMeansNoneAndNoneIsNotWritten() throws {
        var c = ALSConfig()
        c.factors = 4; c.iterations = 1; c.threads = 1
        let model = try ALSModel.train(EASEFixtures.table(Self.matrix(seed: 3)), config: c)
        let json = try model.headerJSON()
        #expect(!String(decoding: json, as: UTF8.self).contains("regularization_scaling"))
        let header = try JSONDecoder().decode(ALSModelHeader.self, from: json)
        #expect(header.regularizationScaling == nil && header.scaling == RegularizationScaling.none)
    }
}
