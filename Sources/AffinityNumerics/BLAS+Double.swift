import CBLAS

extension BLAS {
    /// Double-precision Gram update: C ← alpha·AᵀA + beta·C (BLAS `dsyrk`), for the few places
    /// where Float32 sums are not accurate enough (the EASE item Gram matrix feeds an inverse).
    ///
    /// - `a`: `rows × k` row-major with row stride `lda` (≥ k).
    /// - `c`: `k × k` row-major with row stride `ldc` (≥ k). Only the upper triangle (j ≥ i in
    ///   row-major terms) is written and, when beta ≠ 0, read; call `mirrorUpper` to fill the rest.
    /// - With `rows == 0`, the upper triangle becomes beta·C. Cost rows·k·(k+1) flops.
    public static func gramUpper(alpha: Double = 1, _ a: UnsafePointer<Double>, rows: Int, k: Int, lda: Int,
                                 beta: Double = 0, _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        precondition(rows >= 0 && k >= 0 && lda >= max(k, 1) && ldc >= max(k, 1),
                     "gramUpper: bad shape rows \(rows), k \(k), lda \(lda), ldc \(ldc)")
        guard k > 0 else { return }
        if rows == 0 {
            for i in 0..<k { for j in i..<k { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(k), Int32(rows), alpha, a, Int32(lda),
                    beta, c, Int32(ldc))
    }

    /// Copies the upper triangle of the `n × n` row-major matrix `c` (stride `ldc`) onto its
    /// lower triangle, so it is exactly symmetric. Cost n²/2 copies.
    public static func mirrorUpper(_ c: UnsafeMutablePointer<Double>, n: Int, ldc: Int) {
        for i in 0..<n { for j in 0..<i { c[i * ldc + j] = c[j * ldc + i] } }
    }
}
