import CKernels

/// The ALS inner loops in C (Swift face of the `CKernels` target): the right-hand side of a
/// row (`addTargets`, for the Cholesky path) here, the fused conjugate-gradient row solve in
/// `Kernels+ConjugateGradient.swift`.
///
/// The C loops run over 16-wide vectors, compiled for baseline x86-64, AVX2+FMA and AVX-512;
/// every call runs the variant of the C enum `affinity_kernels_isa()` (the best the CPU
/// supports, capped by `AFFINITY_KERNELS=avx2|baseline`). No calls, allocation or bounds checks
/// per nonzero. Summation order is fixed: results are bit-identical for the same inputs on the
/// same instruction set.
enum Kernels {
    /// out += Σₖ cₖ·pₖ·yₖ over one row's nonzeros: the right-hand side Yᵀ·C·p.
    @inline(__always)
    static func addTargets(fixed: UnsafePointer<Float>, f: Int, indices: UnsafePointer<Int32>,
                           weights: UnsafePointer<Float>, count: Int, confidence: Confidence,
                           out: UnsafeMutablePointer<Float>) {
        affinity_add_targets(fixed, f, indices, weights, count, confidence.alpha, confidence.offset, out)
    }
}
