import CBLAS

extension BLAS {
    /// y ← alpha·op(A)·x + beta·y, with A a row-major view.
    ///
    /// Shapes: op(A) is m×n, x has n elements, y has m elements (`sgemv`). When A has no
    /// rows or columns, y ← beta·y (zeros when beta = 0) without calling BLAS.
    /// Cost 2·m·n flops; memory-bound (reads A once).
    public static func gemv(_ trans: Transpose = .none, alpha: Float = 1, _ a: MatrixView,
                            _ x: UnsafePointer<Float>, beta: Float = 0, _ y: UnsafeMutablePointer<Float>) {
        guard a.rows > 0, a.cols > 0 else {
            let m = trans == .none ? a.rows : a.cols
            if beta == 0 { for i in 0..<m { y[i] = 0 } } else if beta != 1 { for i in 0..<m { y[i] *= beta } }
            return
        }
        cblas_sgemv(CblasRowMajor, trans.cblas, Int32(a.rows), Int32(a.cols), alpha, a.base, Int32(a.ld),
                    x, 1, beta, y, 1)
    }

    /// Untransposed `gemv`: y ← alpha·A·x + beta·y. (A call cannot omit a leading
    /// unlabeled `Transpose` followed by another unlabeled argument, hence this form.)
    @inlinable
    public static func gemv(alpha: Float = 1, _ a: MatrixView, _ x: UnsafePointer<Float>,
                            beta: Float = 0, _ y: UnsafeMutablePointer<Float>) {
        gemv(.none, alpha: alpha, a, x, beta: beta, y)
    }

    /// Array convenience: returns A·x.
    public static func gemv(_ a: Matrix, _ x: [Float]) -> [Float] { gemv(.none, a, x) }

    /// Array convenience: returns op(A)·x as a new array (allocates m Floats).
    public static func gemv(_ trans: Transpose = .none, _ a: Matrix, _ x: [Float]) -> [Float] {
        let (m, n) = trans == .none ? (a.rows, a.cols) : (a.cols, a.rows)
        precondition(x.count == n, "gemv: x has \(x.count) elements; op(A) is \(m)×\(n)")
        var y = [Float](repeating: 0, count: m)
        a.withView { av in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    guard m > 0 else { return }
                    if n == 0 { return }
                    gemv(trans, alpha: 1, av, xb.baseAddress!, beta: 0, yb.baseAddress!)
                }
            }
        }
        return y
    }
}

extension BLAS.Transpose {

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}
