import AffinityNumerics
import AffinityTestSupport
import Testing

// Tolerance: each gemm/gram element is compared with a Double reference, the error
// scaled by max Σ_l |op(A)_il|·|op(B)_lj| (plus |β·C|), i.e. relative to the sum of
// absolute terms, which bounds Float32 rounding by about k·2^-24 (≤ 1e-5 at k ≤ 130).
// √ulp(Float) ≈ 3.5e-4 leaves a wide margin yet catches any wrong index or transpose.
@Suite("BLAS gemm and gram wrappers")
struct BLASLevel3Tests {
    // (m, n, k): empty, unit, odd sizes not multiples of OpenBLAS's block sizes.
    static let shapes: [(Int, Int, Int)] = [
        (0, 0, 0), (0, 5, 3), (4, 0, 3), (4, 5, 0), (1, 1, 1), (1, 9, 1), (9, 1, 7),
        (17, 13, 5), (64, 64, 64), (65, 31, 129), (130, 7, 64),
    ]
    static let transposes: [(BLAS.Transpose, BLAS.Transpose)] = [(.none, .none), (.transpose, .none), (.none, .transpose), (.transpose, .transpose)]

    static func absMatrix(_ m: Matrix) -> Matrix { Matrix(rows: m.rows, cols: m.cols, storage: m.storage.map(abs)) }

    @Test("gemm vs reference over shapes × transposes × alpha/beta × ld", arguments: shapes)
    func gemm(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (ta, tb) in Self.transposes {
            let a = ta == .none ? Fixtures.matrix(rows: m, cols: k, seed: 1) : Fixtures.matrix(rows: k, cols: m, seed: 1)
            let b = tb == .none ? Fixtures.matrix(rows: k, cols: n, seed: 2) : Fixtures.matrix(rows: n, cols: k, seed: 2)
            let c0 = Fixtures.matrix(rows: m, cols: n, seed: 3)
            for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (-2, 0.25)] {
                for pad in [0, 5] {
                    let sa = StridedMatrix(a, ld: max(a.cols, 1) + pad)
                    let sb = StridedMatrix(b, ld: max(b.cols, 1) + pad)
                    var sc = StridedMatrix(c0, ld: max(n, 1) + pad)
                    sa.withView { av in sb.withView { bv in sc.withMutableView { cv in
                        BLAS.gemm(ta, tb, alpha: alpha, av, bv, beta: beta, cv)
                    } } }
                    let ref = Reference.gemm(ta, tb, alpha: alpha, a, b, beta: beta, c0)
                    let scale = Reference.gemmScale(ta, tb, a, b) * Double(abs(alpha)) + Double(abs(beta))
                    let err = Tolerance.maxRelativeError(sc.dense.storage, ref, scale: scale)
                    #expect(err <= Tolerance.float, "\(m)×\(n)×\(k) \(ta)/\(tb) α=\(alpha) β=\(beta) pad=\(pad)")
                    #expect(sc.padding.allSatisfy { $0.isNaN }, "gemm wrote into C's padding")
                }
            }
        }
    }

    @Test("gemm with beta = 0 ignores NaN already in C")
    func gemmBetaZero() {
        let a = Fixtures.matrix(rows: 8, cols: 3, seed: 4), b = Fixtures.matrix(rows: 3, cols: 6, seed: 5)
        for k in [3, 0] {
            let ak = Matrix(rows: 8, cols: k, storage: Array(a.storage.prefix(8 * k)))
            let bk = Matrix(rows: k, cols: 6, storage: Array(b.storage.prefix(6 * k)))
            var c = Matrix(rows: 8, cols: 6, repeating: .nan)
            ak.withView { av in bk.withView { bv in c.withMutableView { BLAS.gemm(av, bv, beta: 0, $0) } } }
            #expect(c.isFinite, "k = \(k)")
        }
    }

    @Test("Matrix convenience gemm returns op(A)·op(B)")
    func gemmConvenience() {
        let a = Fixtures.matrix(rows: 5, cols: 3, seed: 6), b = Fixtures.matrix(rows: 4, cols: 3, seed: 7)
        let c = BLAS.gemm(.none, .transpose, a, b)
        #expect(c.rows == 5 && c.cols == 4)
        let ref = Reference.gemm(.none, .transpose, alpha: 1, a, b, beta: 0, Matrix(rows: 0, cols: 0))
        #expect(Tolerance.maxRelativeError(c.storage, ref, scale: Reference.gemmScale(.none, .transpose, a, b)) <= Tolerance.float)
    }

    @Test("gram = AᵀA, fully symmetric, alpha/beta and ld honoured",
          arguments: [(0, 0), (0, 4), (5, 0), (1, 1), (3, 7), (100, 1), (1000, 64), (37, 19)])
    func gram(shape: (Int, Int)) {
        let (rows, k) = shape
        let a = Fixtures.matrix(rows: rows, cols: k, seed: 8)
        let c0 = Fixtures.spd(k, seed: 9)   // symmetric, as gram requires when beta ≠ 0
        for (alpha, beta) in [(Float(1), Float(0)), (0.5, 2)] {
            for pad in [0, 3] {
                let sa = StridedMatrix(a, ld: max(k, 1) + pad)
                var sc = StridedMatrix(c0, ld: max(k, 1) + pad)
                sa.withView { av in sc.withMutableView { BLAS.gram(alpha: alpha, av, beta: beta, $0) } }
                let ref = Reference.gemm(.transpose, .none, alpha: alpha, a, a, beta: beta, c0)
                let scale = Reference.gemmScale(.transpose, .none, a, a) * Double(alpha) + Double(beta)
                let got = sc.dense
                #expect(Tolerance.maxRelativeError(got.storage, ref, scale: scale) <= Tolerance.float, "\(rows)×\(k) pad \(pad)")
                #expect(got == got.transposed(), "gram result must be exactly symmetric")
                #expect(sc.padding.allSatisfy { $0.isNaN })
            }
        }
        let conv = BLAS.gram(a)
        #expect(conv.rows == k && conv.cols == k)
        #expect(Tolerance.maxRelativeError(conv.storage, Reference.gemm(.transpose, .none, alpha: 1, a, a, beta: 0, c0),
                                           scale: Reference.gemmScale(.transpose, .none, a, a)) <= Tolerance.float)
    }
}
