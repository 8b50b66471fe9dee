import CKernels

extension Kernels {
    /// Improves `x` in place by at most `steps` warm-started conjugate-gradient steps on one
    /// row's normal equations (YᵀY + λI + Σₖ (cₖ−1)·yₖyₖᵀ)·x = Σₖ cₖ·pₖ·yₖ, stopping once
    /// ‖b − A·x‖ ≤ tolerance·‖b‖. One C call per row: the right-hand side and the initial
    /// product share a pass over the nonzeros, and the f-vector updates run inline (no BLAS
    /// level-1 calls). `work` holds 4·f Floats. Returns the steps run, or −step on a
    /// breakdown: pᵀAp ≤ 0 keeps the last good iterate in `x`; a non-finite residual or pᵀAp
    /// (overflowing confidence, NaN input) sets `x` to NaN, which the trainer reports by row.
    @inline(__always)
    @discardableResult
    static func conjugateGradientRow(fixed: LeastSquares.Fixed, indices: UnsafePointer<Int32>,
                                     weights: UnsafePointer<Float>, count: Int, confidence: Confidence,
                                     steps: Int, tolerance: Float, x: UnsafeMutablePointer<Float>,
                                     work: UnsafeMutablePointer<Float>) -> Int {
        affinity_cg_row(fixed.factors, fixed.f, fixed.gram, indices, weights, count, confidence.alpha,
                        confidence.offset, steps, tolerance, x, work)
    }
}
