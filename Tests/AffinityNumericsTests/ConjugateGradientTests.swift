import AffinityNumerics
import AffinityTestSupport
import Testing

@Suite("Conjugate gradient")
struct ConjugateGradientTests {
    /// A-norm of (x − x*) in Double: the quantity CG minimizes over the Krylov space.
    static func aNormError(_ a: Matrix, _ x: [Float], _ exact: [Double]) -> Double {
        let e = zip(x, exact).map { Double($0) - $1 }
        let n = a.rows
        var s = 0.0
        for i in 0..<n { for j in 0..<n { s += e[i] * Double(a[i, j]) * e[j] } }
        return max(s, 0).squareRoot()
    }

    // Tolerance: after 2n steps on cond ≲ 50 matrices CG in Float32 reaches the Float32
    // accuracy floor; √ulp(Float) relative to the Cholesky solution leaves ample room.
    @Test("agrees with Cholesky on SPD systems", arguments: [1, 2, 5, 16, 40])
    func agreesWithCholesky(n: Int) throws {
        let a = Fixtures.spd(n, seed: UInt64(300 + n))
        let b = Fixtures.vector(n, seed: UInt64(400 + n))
        let chol = try LAPACK.choleskySolve(a, b)
        var x = [Float](repeating: 0, count: n)
        let report = ConjugateGradient.solve(a, b, x: &x, steps: 2 * n, tolerance: 1e-6)
        #expect(report.stop != .breakdown)
        #expect(Tolerance.maxRelativeError(x, chol) <= Tolerance.float)
        #expect(Reference.relativeResidual(a, x, b) <= Tolerance.float)
    }

    // CG's A-norm error is non-increasing in exact arithmetic; in Float32 we allow a
    // rounding slack of 1e-5 relative to the initial error, and require the last step
    // count to be within √ulp of the exact solution.
    @Test("approaches the Cholesky solution as steps grow")
    func convergesMonotonically() throws {
        let n = 30
        let a = Fixtures.spd(n, seed: 11, shift: 0.2)
        let b = Fixtures.vector(n, seed: 12)
        let exact = try #require(Reference.solve(a, b))
        let zero = [Float](repeating: 0, count: n)
        let initial = Self.aNormError(a, zero, exact)
        var previous = initial
        for steps in [1, 2, 3, 5, 8, 13, 21, 30, 60] {
            var x = zero
            _ = ConjugateGradient.solve(a, b, x: &x, steps: steps)
            let err = Self.aNormError(a, x, exact)
            #expect(err <= previous + 1e-5 * initial, "steps \(steps): A-norm error \(err) > previous \(previous)")
            previous = err
        }
        #expect(previous <= Tolerance.float * initial)
    }

    @Test("warm start from the solution stops at once; tolerance stops early")
    func warmStartAndTolerance() throws {
        let n = 20
        let a = Fixtures.spd(n, seed: 21)
        let b = Fixtures.vector(n, seed: 22)
        var x = [Float](repeating: 0, count: n)
        let cold = ConjugateGradient.solve(a, b, x: &x, steps: 100, tolerance: 1e-3)
        #expect(cold.stop == .converged)
        #expect(cold.steps > 0 && cold.steps < 100)
        #expect(cold.residualNorm <= 1e-3 * Float(Tolerance.norm(b.map(Double.init))))
        let warm = ConjugateGradient.solve(a, b, x: &x, steps: 100, tolerance: 1e-3)
        #expect(warm.steps == 0 && warm.stop == .converged)
        // A warm start one step from the answer gets there in fewer steps than cold.
        var fresh = [Float](repeating: 0, count: n)
        let limited = ConjugateGradient.solve(a, b, x: &fresh, steps: 3)
        #expect(limited == ConjugateGradient.Report(steps: 3, residualNorm: limited.residualNorm, stop: .stepLimit))
    }

    @Test("steps = 0 leaves x untouched; n = 0 is trivially converged")
    func degenerate() {
        let a = Fixtures.spd(4, seed: 1)
        var x: [Float] = [1, 2, 3, 4]
        let r = ConjugateGradient.solve(a, [0, 0, 0, 1], x: &x, steps: 0)
        #expect(x == [1, 2, 3, 4] && r.steps == 0 && r.stop == .stepLimit)
        var empty: [Float] = []
        #expect(ConjugateGradient.solve(Matrix(rows: 0, cols: 0), [], x: &empty, steps: 3).stop == .converged)
    }

    @Test("matrix-free form with reused scratch matches the dense form bit for bit")
    func matrixFreeMatchesDense() {
        let n = 9
        let a = Fixtures.spd(n, seed: 31)
        let b = Fixtures.vector(n, seed: 32)
        var dense = Fixtures.vector(n, seed: 33)
        var free = dense
        let scratch = ConjugateGradient.Scratch(capacity: 64)
        let r1 = ConjugateGradient.solve(a, b, x: &dense, steps: 4)
        // The product written by hand (naive loop) instead of gemv; same math, so close.
        let r2 = b.withUnsafeBufferPointer { bp in
            free.withUnsafeMutableBufferPointer { xp in
                ConjugateGradient.solve(n: n, x: xp.baseAddress!, b: bp.baseAddress!, steps: 4, scratch: scratch) { p, out in
                    for i in 0..<n { var s: Float = 0; for j in 0..<n { s += a[i, j] * p[j] }; out[i] = s }
                }
            }
        }
        #expect(r1.steps == r2.steps)
        #expect(Tolerance.maxRelativeError(free, dense) <= Tolerance.float)
    }

    @Test("non-SPD or NaN input stops with breakdown instead of returning garbage")
    func breakdown() {
        var neg = Matrix(rows: 3, cols: 3)
        for i in 0..<3 { neg[i, i] = -1 }
        var x: [Float] = [0, 0, 0]
        #expect(ConjugateGradient.solve(neg, [1, 1, 1], x: &x, steps: 5).stop == .breakdown)
        #expect(x == [0, 0, 0], "x keeps the last good iterate")
        var y: [Float] = [.nan, 0, 0]
        #expect(ConjugateGradient.solve(Fixtures.spd(3, seed: 2), [1, 1, 1], x: &y, steps: 5).stop == .breakdown)
    }
}
