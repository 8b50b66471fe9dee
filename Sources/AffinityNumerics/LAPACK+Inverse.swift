import CBLAS

extension LAPACK {
    /// Inverts a symmetric positive-definite `n × n` matrix in place, in Double precision:
    /// Cholesky factor (`dpotrf`), then the inverse from the factor (`dpotri`).
    ///
    /// - `a`: n×n, contiguous (leading dimension n). Only the upper triangle of the row-major
    ///   layout is read (LAPACK's column-major lower triangle), as for `choleskySolve`. On
    ///   return with 0 the whole matrix holds A⁻¹, mirrored so it is exactly symmetric.
    /// - Returns 0 on success; `k > 0` when the leading minor of order k is not positive
    ///   definite or its pivot is NaN (then `a` is unspecified).
    /// - Allocation-free. Cost n³/3 (factor) + 2n³/3 (inverse) flops; relative error about
    ///   cond(A)·n·2^-53. Deterministic for a fixed `BLASThreads` setting.
    @discardableResult
    public static func choleskyInverse(n: Int, a: UnsafeMutablePointer<Double>) -> Int {
        guard n > 0 else { return 0 }
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &nn, a, &lda, &info, 1)
        precondition(info >= 0, "dpotrf: argument \(-info) had an illegal value")
        if info > 0 { return Int(info) }
        for j in 0..<n where !a[j * n + j].isFinite { return j + 1 }
        dpotri_(&uplo, &nn, a, &lda, &info, 1)
        precondition(info >= 0, "dpotri: argument \(-info) had an illegal value")
        if info > 0 { return Int(info) }
        BLAS.mirrorUpper(a, n: n, ldc: n)
        return 0
    }

    /// Array convenience: A⁻¹ of a row-major symmetric positive-definite matrix (n² Doubles).
    /// Throws `NumericsError.nonFinite` when A holds NaN/±Inf and
    /// `NumericsError.notPositiveDefinite(minor:)` when A is not SPD.
    public static func choleskyInverse(_ a: [Double], n: Int) throws(NumericsError) -> [Double] {
        precondition(a.count == n * n, "choleskyInverse: A has \(a.count) elements; expected \(n)×\(n)")
        guard a.allSatisfy({ $0.isFinite }) else { throw .nonFinite(what: "matrix A") }
        var work = a
        let info = work.withUnsafeMutableBufferPointer { choleskyInverse(n: n, a: $0.baseAddress!) }
        if info != 0 { throw .notPositiveDefinite(minor: info) }
        return work
    }
}
