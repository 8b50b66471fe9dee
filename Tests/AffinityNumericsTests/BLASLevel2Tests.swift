import AffinityNumerics
import AffinityTestSupport
import Testing

// Tolerance: gemv output errors are scaled by max_i Σ_j |A_ij|·|x_j| (+|β·y_i|), the
// natural bound of Float32 rounding (≤ n·2^-24 ≈ 6e-5 for n ≤ 1000 here), and checked
// against √ulp(Float) ≈ 3.5e-4.
@Suite("BLAS gemv wrapper")
struct BLASLevel2Tests {
    static let shapes: [(Int, Int)] = [(0, 0), (0, 3), (3, 0), (1, 1), (1, 7), (7, 1), (17, 5), (64, 64), (129, 33), (1000, 65)]

    static func scale(_ t: BLAS.Transpose, _ a: Matrix, _ x: [Float], _ beta: Float, _ y: [Float]) -> Double {
        let absA = Matrix(rows: a.rows, cols: a.cols, storage: a.storage.map(abs))
        let absY = y.map(abs)
        let s = Reference.gemv(t, alpha: 1, absA, x.map(abs), beta: abs(beta), absY)
        return max(s.max() ?? 0, 1e-30)
    }

    @Test("gemv vs reference: shapes, transposes, alpha/beta, ld > cols",
          arguments: shapes, [BLAS.Transpose.none, .transpose])
    func gemv(shape: (Int, Int), trans: BLAS.Transpose) {
        let (rows, cols) = shape
        let a = Fixtures.matrix(rows: rows, cols: cols, seed: UInt64(rows * 1000 + cols))
        let (m, n) = trans == .none ? (rows, cols) : (cols, rows)
        let x = Fixtures.vector(n, seed: 5)
        for (alpha, beta) in [(Float(1), Float(0)), (-0.5, 1), (2, -0.25)] {
            let y0 = Fixtures.vector(m, seed: 6)
            for ld in [max(cols, 1), cols + 3] {
                let s = StridedMatrix(a, ld: ld)
                var y = y0 + [Float.nan]   // sentinel past the end must stay NaN
                s.withView { av in x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in
                    BLAS.gemv(trans, alpha: alpha, av, xp.baseAddress ?? UnsafePointer(yp.baseAddress!), beta: beta, yp.baseAddress!)
                } } }
                let ref = Reference.gemv(trans, alpha: alpha, a, x, beta: beta, y0)
                let err = Tolerance.maxRelativeError(Array(y.prefix(m)), ref, scale: Self.scale(trans, a, x, beta, y0))
                #expect(err <= Tolerance.float, "shape \(rows)×\(cols) \(trans) α=\(alpha) β=\(beta) ld=\(ld)")
                #expect(y[m].isNaN, "wrote past y")
            }
        }
    }

    @Test("beta = 0 ignores NaN already in y", arguments: [(5, 3), (0, 4), (4, 0)])
    func betaZeroOverwritesNaN(shape: (Int, Int)) {
        let a = Fixtures.matrix(rows: shape.0, cols: shape.1, seed: 8)
        let x = Fixtures.vector(shape.1, seed: 9)
        var y = [Float](repeating: .nan, count: shape.0)
        a.withView { av in x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in
            guard let yb = yp.baseAddress else { return }
            let dummy: [Float] = [0]
            dummy.withUnsafeBufferPointer { d in BLAS.gemv(.none, av, xp.baseAddress ?? d.baseAddress!, beta: 0, yb) }
        } } }
        #expect(y.allSatisfy { !$0.isNaN })
    }

    @Test("array convenience returns op(A)·x")
    func convenience() {
        let a = Fixtures.matrix(rows: 6, cols: 4, seed: 10)
        let x = Fixtures.vector(4, seed: 11), xt = Fixtures.vector(6, seed: 12)
        #expect(Tolerance.maxRelativeError(BLAS.gemv(a, x), Reference.gemv(.none, alpha: 1, a, x, beta: 0, [])) <= Tolerance.float)
        #expect(Tolerance.maxRelativeError(BLAS.gemv(.transpose, a, xt), Reference.gemv(.transpose, alpha: 1, a, xt, beta: 0, [])) <= Tolerance.float)
        #expect(BLAS.gemv(Matrix(rows: 3, cols: 0), []) == [0, 0, 0])
    }
}
