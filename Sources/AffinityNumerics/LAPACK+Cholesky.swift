import CBLAS

/// LAPACK routines reached through the Fortran symbols of libopenblas.
public enum LAPACK {
    /// Solves A·x = b in place for a symmetric positive-definite `n × n` A (Cholesky, `sposv`).
    ///
    /// - `a`: n×n, fully stored (row- or column-major; symmetric either way). Overwritten by
    ///   its Cholesky factor.
    /// - `b`: n elements on entry; the solution x on return.
    /// - Returns 0 on success; `k > 0` when the leading minor of order k is not positive
    ///   definite (then `b` is unspecified). NaN in `a` usually yields `k > 0`.
    /// - Cost O(n³/3).
    @discardableResult
    public static func choleskySolve(n: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>) -> Int {
        guard n > 0 else { return 0 }
        var nn = Int32(n), nrhs: Int32 = 1, lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        sposv_(&uplo, &nn, &nrhs, a, &lda, b, &ldb, &info, 1)
        return Int(info)
    }

    /// Array convenience: solves A·x = b, throwing `NumericsError.notPositiveDefinite` when A is not SPD.
    public static func choleskySolve(_ a: Matrix, _ b: [Float]) throws(NumericsError) -> [Float] {
        precondition(a.rows == a.cols, "choleskySolve: A is \(a.rows)×\(a.cols); expected square")
        precondition(b.count == a.rows, "choleskySolve: b has \(b.count) elements; expected \(a.rows)")
        var work = a.storage
        var x = b
        let info = work.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                choleskySolve(n: a.rows, a: ap.baseAddress!, b: xp.baseAddress!)
            }
        }
        if info != 0 { throw .notPositiveDefinite(minor: info) }
        return x
    }
}
