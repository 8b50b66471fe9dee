import AffinityNumerics

/// The one least-squares routine of implicit ALS, shared by the user half-sweep, the item
/// half-sweep, fold-in and cart-as-query.
///
/// For one row with nonzeros (iₖ, wₖ) against fixed factors Y (n×f) it minimizes
///   Σₖ cₖ·(pₖ − xᵀyᵢₖ)² + Σ_{unobserved i} (xᵀyᵢ)² + λ‖x‖²,
/// whose normal equations are (YᵀY + λI + Σₖ (cₖ−1)·yᵢₖyᵢₖᵀ)·x = Σₖ cₖ·pₖ·yᵢₖ.
/// YᵀY + λI (`gram`) is computed once per half-sweep by the caller; the row adds only
/// its nonzeros. With frequency scaling (`Fixed.perInteraction`) `gram` holds YᵀY and each
/// row adds its own λ·n (n = its positive-weight nonzeros) to the diagonal.
///
/// - `.cholesky` forms the f×f matrix (gathered rows + `ssyrk`) and solves it with
///   LAPACK `sposv`: the exact optimum. Cost O(nnz·f² + f³/3).
/// - `.conjugateGradient(steps:)` never forms it: each step applies (YᵀY + λI)·v as one
///   symmetric matrix-vector product plus a fused dot/axpy per nonzero, starting from the row's
///   current `x`. The whole solve is one C call (`Kernels.conjugateGradientRow`): the
///   right-hand side and the initial residual share one pass over the nonzeros, so a solve
///   makes steps + 1 passes. Cost O((steps + 1)·(f² + nnz·f)).
///
/// Precision is Float32. The result is bit-identical for the same inputs and BLAS thread
/// count. NaN in the inputs yields NaN in `x` (callers check) or a non-zero return.
enum LeastSquares {
    /// The fixed side of a half-sweep: factors (`rows × f`, row-major) and YᵀY + λI (f×f).
    struct Fixed {
        let factors: UnsafePointer<Float>
        let rows: Int
        let f: Int
        let gram: UnsafePointer<Float>
        /// What each positive-weight nonzero adds to its row's diagonal on top of `gram`
        /// (λ with `RegularizationScaling.frequency`, whose `gram` then holds no λ; else 0).
        var perInteraction: Float = 0
    }

    /// Solves one row in place. Returns 0 on success, or the order of the leading minor
    /// that was not positive definite (Cholesky only; `x` is then left unchanged).
    @inline(__always)
    static func solve(indices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, count: Int,
                      fixed: Fixed, confidence: Confidence, solver: ALSSolver,
                      x: UnsafeMutablePointer<Float>, scratch: LeastSquaresScratch) -> Int {
        let f = fixed.f
        if count == 0 {
            x.update(repeating: 0, count: f)
            return 0
        }
        let shift = rowShift(weights: weights, count: count, fixed: fixed)
        switch solver {
        case .cholesky:
            let rhs = scratch.rhs
            rhs.update(repeating: 0, count: f)
            Kernels.addTargets(fixed: fixed.factors, f: f, indices: indices, weights: weights, count: count,
                               confidence: confidence, out: rhs)
            return solveCholesky(indices: indices, weights: weights, count: count, fixed: fixed, shift: shift,
                                 confidence: confidence, x: x, scratch: scratch)
        case .conjugateGradient(let steps):
            var row = fixed
            if shift != 0 {  // this row's own gram + shift·I, in the scratch's normal matrix
                scratch.normal.update(from: fixed.gram, count: f * f)
                for d in 0..<f { scratch.normal[d * f + d] += shift }
                row = Fixed(factors: fixed.factors, rows: fixed.rows, f: f, gram: scratch.normal)
            }
            Kernels.conjugateGradientRow(fixed: row, indices: indices, weights: weights, count: count,
                                         confidence: confidence, steps: steps, tolerance: 1e-6, x: x,
                                         work: scratch.cgWork)
            return 0
        }
    }

    /// The row's λ beyond the Gram matrix's: `perInteraction` × its positive-weight nonzeros.
    @inline(__always)
    static func rowShift(weights: UnsafePointer<Float>, count: Int, fixed: Fixed) -> Float {
        guard fixed.perInteraction != 0 else { return 0 }
        var positive = 0
        for k in 0..<count where weights[k] > 0 { positive += 1 }
        return fixed.perInteraction * Float(positive)
    }

    /// Exact path: A = gram + Σ (c−1)·yyᵀ (`formNormal`), then `sposv`.
    private static func solveCholesky(indices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, count: Int,
                                      fixed: Fixed, shift: Float, confidence: Confidence,
                                      x: UnsafeMutablePointer<Float>, scratch: LeastSquaresScratch) -> Int {
        formNormal(indices: indices, weights: weights, count: count, fixed: fixed, shift: shift,
                   confidence: confidence, scratch: scratch)
        let info = LAPACK.choleskySolve(n: fixed.f, a: scratch.normal, b: scratch.rhs)
        if info != 0 { return info }
        x.update(from: scratch.rhs, count: fixed.f)
        return 0
    }

    /// The row's normal matrix A = gram + shift·I + Σ (c−1)·yyᵀ into `scratch.normal` (fully stored,
    /// symmetric), via `ssyrk` on the rows scaled
    /// by √|c−1|. The matrix every Cholesky solve and `ALSModel.explain` factor.
    static func formNormal(indices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, count: Int,
                           fixed: Fixed, shift: Float, confidence: Confidence, scratch: LeastSquaresScratch) {
        let f = fixed.f
        scratch.reserveGather(rows: count)
        let gather = scratch.gather
        // Positive excess rows fill from the top, negative ones (implicit convention, c < 1) from the bottom.
        var positive = 0, negative = 0
        for k in 0..<count {
            let e = confidence.excess(weights[k])
            if e == 0 { continue }
            let slot = e > 0 ? positive : count - 1 - negative
            if e > 0 { positive += 1 } else { negative += 1 }
            let s = abs(e).squareRoot()
            let src = fixed.factors + Int(indices[k]) * f
            let dst = gather + slot * f
            for j in 0..<f { dst[j] = s * src[j] }
        }
        let normal = scratch.normal
        normal.update(from: fixed.gram, count: f * f)
        if shift != 0 { for d in 0..<f { normal[d * f + d] += shift } }
        let a = MutableMatrixView(base: normal, rows: f, cols: f)
        if positive > 0 {
            BLAS.gram(alpha: 1, MatrixView(base: gather, rows: positive, cols: f), beta: 1, a)
        }
        if negative > 0 {
            let neg = MatrixView(base: gather + (count - negative) * f, rows: negative, cols: f)
            BLAS.gram(alpha: -1, neg, beta: 1, a)
        }
    }
}
