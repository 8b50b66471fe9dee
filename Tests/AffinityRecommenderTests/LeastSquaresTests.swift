import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// The one least-squares routine against a dense reference: A = YᵀCY + λI, b = YᵀCp formed
/// naively over every item (not via the Gram trick) and solved in Double.
@Suite struct LeastSquaresTests {
    struct Problem {
        var items: Matrix
        var indices: [Int32]
        var weights: [Float]
        var lambda: Float
        var confidence: Confidence
    }

    static func problem(f: Int, items: Int, seed: UInt64, convention: ConfidenceConvention = .onePlusAlpha) -> Problem {
        let y = ALSFixtures.randomFactors(rows: items, f: f, seed: seed)
        var rng = Xoshiro256(seed: seed &+ 1)
        var idx: [Int32] = [], w: [Float] = []
        for i in 0..<items where rng.nextDouble() < 0.4 || i == 0 {
            idx.append(Int32(i)); w.append(Float(1 + rng.next() % 4))
        }
        return Problem(items: y, indices: idx, weights: w, lambda: 0.1,
                       confidence: Confidence(alpha: 2, convention: convention))
    }

    /// The dense normal equations, built cell by cell.
    static func denseSystem(_ p: Problem) -> (Matrix, [Float]) {
        let f = p.items.cols
        var a = Matrix(rows: f, cols: f)
        var b = [Float](repeating: 0, count: f)
        for i in 0..<p.items.rows {
            var c: Float = 1, pref: Float = 0
            if let k = p.indices.firstIndex(of: Int32(i)) {
                c = p.confidence.excess(p.weights[k]) + 1
                pref = p.weights[k] > 0 ? 1 : 0
            }
            for r in 0..<f {
                b[r] += c * pref * p.items[i, r]
                for s in 0..<f { a[r, s] += c * p.items[i, r] * p.items[i, s] }
            }
        }
        for d in 0..<f { a[d, d] += p.lambda }
        return (a, b)
    }

    static func solve(_ p: Problem, solver: ALSSolver, start: [Float]? = nil) -> (x: [Float], info: Int) {
        let f = p.items.cols
        var gram = BLAS.gram(p.items)
        for d in 0..<f { gram[d, d] += p.lambda }
        var x = start ?? [Float](repeating: 0, count: f)
        let scratch = LeastSquaresScratch(factors: f, rowCapacity: 1)
        let info = p.items.withView { yv in
            gram.withView { gv in
                x.withUnsafeMutableBufferPointer { xb in
                    LeastSquares.solve(indices: p.indices, weights: p.weights, count: p.indices.count,
                                       fixed: .init(factors: yv.base, rows: yv.rows, f: f, gram: gv.base),
                                       confidence: p.confidence, solver: solver, x: xb.baseAddress!, scratch: scratch)
                }
            }
        }
        return (x, info)
    }

    // Tolerance: Float32 normal equations with cond(A) ≲ 1e3 here; 1e-3 relative is ~10× the
    // expected rounding error and far below any modelling mistake (which is O(1)).
    @Test(arguments: [(4, 9), (16, 40), (64, 150), (37, 80)])
    func choleskyReachesTheClosedFormOptimum(f: Int, items: Int) throws {
        for convention in ConfidenceConvention.allCases {
            let p = Self.problem(f: f, items: items, seed: UInt64(f * 1000 + items), convention: convention)
            let (a, b) = Self.denseSystem(p)
            let reference = try #require(Reference.solve(a, b))
            let (x, info) = Self.solve(p, solver: .cholesky)
            #expect(info == 0)
            let err = Tolerance.norm(zip(x, reference).map { Double($0) - $1 }) / max(Tolerance.norm(reference), 1e-12)
            #expect(err < 1e-3, "f=\(f) \(convention): relative error \(err)")
        }
    }

    @Test func conjugateGradientConvergesToCholeskyAsStepsGrow() {
        let p = Self.problem(f: 16, items: 60, seed: 11)
        let exact = Self.solve(p, solver: .cholesky).x
        var errors: [Double] = []
        for steps in [1, 3, 8, 32] {
            let x = Self.solve(p, solver: .conjugateGradient(steps: steps)).x
            errors.append(Tolerance.norm(zip(x, exact).map { Double($0 - $1) }) / Tolerance.norm(exact.map(Double.init)))
        }
        #expect(errors[0] > errors[2], "errors by steps: \(errors)")
        #expect(errors.last! < 1e-3, "errors by steps: \(errors)")
    }

    @Test func warmStartAtTheOptimumStaysThere() {
        let p = Self.problem(f: 8, items: 30, seed: 5)
        let exact = Self.solve(p, solver: .cholesky).x
        let x = Self.solve(p, solver: .conjugateGradient(steps: 3), start: exact).x
        #expect(Tolerance.norm(zip(x, exact).map { Double($0 - $1) }) < 1e-4)
    }

    @Test func emptyRowSolvesToZero() {
        var p = Self.problem(f: 8, items: 10, seed: 3)
        p.indices = []; p.weights = []
        #expect(Self.solve(p, solver: .cholesky, start: [Float](repeating: 7, count: 8)).x.allSatisfy { $0 == 0 })
    }

    @Test func notPositiveDefiniteIsReported() {
        // With λ = 0 and all-zero fixed factors the normal matrix is exactly 0: not positive definite.
        var p = Self.problem(f: 4, items: 6, seed: 9)
        p.lambda = 0
        p.items = Matrix(rows: 6, cols: 4)
        let start: [Float] = [1, 2, 3, 4]
        let result = Self.solve(p, solver: .cholesky, start: start)
        #expect(result.info == 1)
        #expect(result.x == start, "x must be left unchanged on failure")
    }
}
