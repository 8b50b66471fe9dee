import AffinityNumerics

/// Conjugate gradient for a symmetric positive-definite system A·x = b, matrix-free.
///
/// The caller never forms A for the solver: it supplies the product A·p as a closure
/// over pointers, so A may be implicit (e.g. YᵀY + λI + Σ (cᵢ−1)·yᵢyᵢᵀ applied to p
/// without building it). The solve starts from the current contents of `x` (warm
/// start), runs at most `steps` iterations and stops early once the residual is small.
/// A test reference, not library code: ALS training runs the same iteration in one fused C
/// call per row (AffinityRecommender's `Kernels.conjugateGradientRow`), and
/// `ConjugateGradientRowTests` compares that call against this generic version.
///
/// Guarantees and costs:
/// - **Allocation-free**: all vectors live in a caller-owned `Scratch` (allocate one per
///   worker, before the parallel loop). `solve` itself allocates nothing.
/// - **Cost** per call: one product for the initial residual, then per step one product,
///   two dot products, three axpy and one scal: O(steps·(n + cost of A·p)).
/// - **Precision**: Float32 throughout (BLAS level-1). In exact arithmetic CG reaches the
///   exact solution in at most n steps and the A-norm of the error never increases; in
///   Float32 expect a relative error around 1e-4·cond(A) after n to 2n steps.
/// - **Determinism**: for the same inputs, closure and `BLASThreads` setting the result is
///   bit-identical (BLAS level-1 calls are deterministic for a fixed thread count).
/// - **NaN**: a non-finite or non-positive pᵀAp stops the solve with `.breakdown`; NaN in
///   `x` or `b` is caught this way before `x` is touched. NaN produced by `multiply` after
///   some steps may already have reached `x`, and callers should check.
public enum ConjugateGradient {
    /// Why a solve stopped.
    public enum Stop: Sendable, Equatable {
        /// ‖r‖ ≤ tolerance·‖b‖ (including r = 0 exactly).
        case converged
        /// All `steps` iterations ran without meeting the tolerance.
        case stepLimit
        /// pᵀ·A·p was ≤ 0 or not finite: A is not positive definite on the Krylov space
        /// or the inputs hold NaN/Inf. `x` holds the last good iterate.
        case breakdown
    }

    /// The outcome of one solve.
    public struct Report: Sendable, Equatable {
        /// Iterations completed (products A·p, not counting the initial residual's).
        public var steps: Int
        /// ‖b − A·x‖₂ as tracked by the CG recurrence (it can drift slightly from the true
        /// residual in Float32).
        public var residualNorm: Float
        public var stop: Stop

        public init(steps: Int, residualNorm: Float, stop: Stop) {
            self.steps = steps
            self.residualNorm = residualNorm
            self.stop = stop
        }
    }

    /// Working vectors for systems of up to `capacity` unknowns: residual r, direction p and
    /// the product A·p. Allocated once (3·capacity Floats); reuse it across solves on one
    /// thread. Not thread-safe: give each worker its own.
    public final class Scratch {
        public let capacity: Int
        let r: UnsafeMutablePointer<Float>
        let p: UnsafeMutablePointer<Float>
        let ap: UnsafeMutablePointer<Float>

        public init(capacity: Int) {
            precondition(capacity >= 0, "ConjugateGradient.Scratch: capacity must be ≥ 0; got \(capacity)")
            self.capacity = capacity
            let n = max(capacity, 1)
            r = .allocate(capacity: n); r.initialize(repeating: 0, count: n)
            p = .allocate(capacity: n); p.initialize(repeating: 0, count: n)
            ap = .allocate(capacity: n); ap.initialize(repeating: 0, count: n)
        }

        deinit {
            r.deallocate()
            p.deallocate()
            ap.deallocate()
        }
    }

    /// Runs at most `steps` CG iterations on A·x = b, starting from `x` (warm start).
    ///
    /// - Parameters:
    ///   - n: the number of unknowns (≤ `scratch.capacity`).
    ///   - x: n elements; the initial guess on entry, the improved solution on return.
    ///   - b: n elements, the right-hand side.
    ///   - steps: the maximum number of iterations (≥ 0). ALS warm starts typically use 3.
    ///   - tolerance: stop once ‖b − A·x‖₂ ≤ tolerance·‖b‖₂ (relative, ≥ 0). With 0 the solve
    ///     stops early only on an exactly zero residual.
    ///   - scratch: working memory owned by the calling thread.
    ///   - multiply: writes A·p (n elements) into its second argument. It must not write to
    ///     its first argument, and must represent a symmetric positive-definite A.
    /// - Returns: the steps run, the final residual norm and why it stopped.
    public static func solve(
        n: Int, x: UnsafeMutablePointer<Float>, b: UnsafePointer<Float>,
        steps: Int, tolerance: Float = 0, scratch: Scratch,
        multiply: (_ p: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>) -> Void
    ) -> Report {
        precondition(n >= 0 && n <= scratch.capacity, "ConjugateGradient: n = \(n) exceeds scratch capacity \(scratch.capacity)")
        precondition(steps >= 0, "ConjugateGradient: steps must be ≥ 0; got \(steps)")
        precondition(tolerance >= 0, "ConjugateGradient: tolerance must be ≥ 0; got \(tolerance)")
        guard n > 0 else { return Report(steps: 0, residualNorm: 0, stop: .converged) }
        let r = scratch.r, p = scratch.p, ap = scratch.ap

        // r = b − A·x; p = r.
        multiply(UnsafePointer(x), ap)
        BLAS.copy(n, b, r)
        BLAS.axpy(n, alpha: -1, UnsafePointer(ap), r)
        BLAS.copy(n, UnsafePointer(r), p)
        var rs = BLAS.dot(n, r, 1, r, 1)
        let threshold = tolerance * tolerance * BLAS.dot(n, b, 1, b, 1)
        if rs <= threshold { return Report(steps: 0, residualNorm: rs.squareRoot(), stop: .converged) }

        for step in 0..<steps {
            multiply(UnsafePointer(p), ap)
            let pAp = BLAS.dot(n, p, 1, ap, 1)
            guard pAp > 0, pAp.isFinite, rs.isFinite else {
                return Report(steps: step, residualNorm: rs.squareRoot(), stop: .breakdown)
            }
            let alpha = rs / pAp
            BLAS.axpy(n, alpha: alpha, UnsafePointer(p), x)
            BLAS.axpy(n, alpha: -alpha, UnsafePointer(ap), r)
            let rsNew = BLAS.dot(n, r, 1, r, 1)
            if rsNew <= threshold {
                return Report(steps: step + 1, residualNorm: rsNew.squareRoot(), stop: .converged)
            }
            // p = r + (rsNew / rs)·p
            BLAS.scal(n, alpha: rsNew / rs, p)
            BLAS.axpy(n, alpha: 1, UnsafePointer(r), p)
            rs = rsNew
        }
        return Report(steps: steps, residualNorm: rs.squareRoot(), stop: .stepLimit)
    }
}
