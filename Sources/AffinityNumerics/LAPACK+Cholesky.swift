import CBLAS

/// LAPACK routines reached through the Fortran symbols of libopenblas.
public enum LAPACK {
    /// Solves A·x = b in place for a symmetric positive-definite `n × n` A (Cholesky, `sposv`).
    ///
    /// - `a`: n×n, contiguous (leading dimension n). Only the upper triangle of the row-major
    ///   layout is read (the same memory is the lower triangle in LAPACK's column-major view),
    ///   so a fully stored symmetric matrix works in either layout. Overwritten by its
    ///   Cholesky factor.
    /// - `b`: n elements on entry; the solution x on return. With `count` > 1, `count`
    ///   right-hand sides of n elements one after another (one factorization solves them all).
    /// - Returns 0 on success; `k > 0` when the leading minor of order k is not positive
    ///   definite or the k-th pivot is NaN (then `b` is unspecified). LAPACK alone lets a NaN
    ///   pivot through; this wrapper checks the factor's diagonal (O(n)) so NaN in the read
    ///   triangle of A is reported. NaN in `b` alone yields NaN in x with 0 returned.
    /// - Allocation-free and single-call; reuse `a`/`b` buffers per worker in loops.
    /// - Precision Float32; relative error about cond(A)·n·2^-24. Deterministic for a fixed
    ///   `BLASThreads` setting. Cost n³/3 + 2n²·count flops.
    @discardableResult
    public static func choleskySolve(n: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>,
                                     count: Int = 1) -> Int {
        guard n > 0, count > 0 else { return 0 }
        var nn = Int32(n), nrhs = Int32(count), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        sposv_(&uplo, &nn, &nrhs, a, &lda, b, &ldb, &info, 1)
        precondition(info >= 0, "sposv: argument \(-info) had an illegal value")
        if info > 0 { return Int(info) }
        for j in 0..<n where !a[j * n + j].isFinite { return j + 1 }
        return 0
    }

    /// Array convenience: solves A·x = b without modifying its arguments.
    ///
    /// Throws `NumericsError.nonFinite` when A or b holds NaN/±Inf, and
    /// `NumericsError.notPositiveDefinite(minor:)` when A is not SPD. Allocates a copy of A
    /// and of b. Shape mismatches are preconditions.
    public static func choleskySolve(_ a: Matrix, _ b: [Float]) throws(NumericsError) -> [Float] {
        precondition(a.rows == a.cols, "choleskySolve: A is \(a.rows)×\(a.cols); expected square")
        precondition(b.count == a.rows, "choleskySolve: b has \(b.count) elements; expected \(a.rows)")
        guard a.rows > 0 else { return [] }
        guard a.isFinite else { throw .nonFinite(what: "matrix A") }
        guard b.allSatisfy({ $0.isFinite }) else { throw .nonFinite(what: "right-hand side b") }
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
