import CBLAS

extension BLAS {
    /// C ← alpha·op(A)·op(B) + beta·C, all row-major views.
    ///
    /// Shapes: op(A) is m×k, op(B) is k×n, C is m×n (`sgemm`); each view's `ld` is its
    /// row stride, so sub-blocks of larger matrices work without copies. With k = 0,
    /// C ← beta·C. Cost 2·m·n·k flops; OpenBLAS reaches its peak rate only when
    /// m, n and k are all in the tens or more.
    public static func gemm(_ transA: Transpose = .none, _ transB: Transpose = .none, alpha: Float = 1,
                            _ a: MatrixView, _ b: MatrixView, beta: Float = 0, _ c: MutableMatrixView) {
        let (m, k) = transA == .none ? (a.rows, a.cols) : (a.cols, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.cols) : (b.cols, b.rows)
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(c.rows == m && c.cols == n, "gemm: C is \(c.rows)×\(c.cols); expected \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for r in 0..<m { for j in 0..<n { c[r, j] = beta == 0 ? 0 : beta * c[r, j] } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                    alpha, a.base, Int32(a.ld), b.base, Int32(b.ld), beta, c.base, Int32(c.ld))
    }

    /// Untransposed `gemm`: C ← alpha·A·B + beta·C. (A call cannot omit leading unlabeled
    /// `Transpose` arguments followed by other unlabeled ones, hence this form.)
    @inlinable
    public static func gemm(alpha: Float = 1, _ a: MatrixView, _ b: MatrixView, beta: Float = 0, _ c: MutableMatrixView) {
        gemm(.none, .none, alpha: alpha, a, b, beta: beta, c)
    }

    /// Matrix convenience: returns A·B.
    public static func gemm(_ a: Matrix, _ b: Matrix) -> Matrix { gemm(.none, .none, a, b) }

    /// Matrix convenience: returns op(A)·op(B) as a new matrix.
    public static func gemm(_ transA: Transpose = .none, _ transB: Transpose = .none, _ a: Matrix, _ b: Matrix) -> Matrix {
        let m = transA == .none ? a.rows : a.cols
        let n = transB == .none ? b.cols : b.rows
        var c = Matrix(rows: m, cols: n)
        a.withView { av in b.withView { bv in c.withMutableView { cv in gemm(transA, transB, av, bv, cv) } } }
        return c
    }

    /// Gram matrix: C ← alpha·AᵀA + beta·C with A an n×k row-major view and C k×k.
    ///
    /// BLAS `ssyrk` fills one triangle; this wrapper mirrors it so C is exactly symmetric on
    /// return. When beta ≠ 0, only C's upper triangle is read, so C must be symmetric on
    /// entry. With n = 0 rows, C ← beta·C. Cost n·k·(k+1) flops, about half of gemm's
    /// for the same product.
    public static func gram(alpha: Float = 1, _ a: MatrixView, beta: Float = 0, _ c: MutableMatrixView) {
        let k = a.cols
        precondition(c.rows == k && c.cols == k, "gram: C is \(c.rows)×\(c.cols); expected \(k)×\(k)")
        guard k > 0 else { return }
        if a.rows == 0 {
            for i in 0..<k { for j in 0..<k { c[i, j] = beta == 0 ? 0 : beta * c[i, j] } }
            return
        }
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(k), Int32(a.rows), alpha, a.base, Int32(a.ld),
                    beta, c.base, Int32(c.ld))
        for i in 0..<k { for j in 0..<i { c[i, j] = c[j, i] } }
    }

    /// Matrix convenience: returns AᵀA (k×k) as a new matrix.
    public static func gram(_ a: Matrix) -> Matrix {
        var c = Matrix(rows: a.cols, cols: a.cols)
        a.withView { av in c.withMutableView { cv in gram(av, cv) } }
        return c
    }
}
