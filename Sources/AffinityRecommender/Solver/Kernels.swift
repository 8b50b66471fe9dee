import CKernels

/// The per-nonzero inner loops of ALS (Swift face of the `CKernels` C target).
///
/// They run once per nonzero per conjugate-gradient step, so they are C loops over
/// 16-wide vectors, compiled for baseline x86-64, AVX2+FMA and AVX-512 and chosen by CPU
/// feature at run time (one check per call, i.e. per row). No calls, allocation or bounds
/// checks per nonzero. Summation order is fixed: results are bit-identical for the same
/// inputs on the same instruction set.
enum Kernels {
    /// The instruction set in use: "avx512f", "avx2+fma" or "baseline".
    static var instructionSet: String { String(cString: affinity_kernels_isa()) }

    /// out += Σₖ (cₖ − 1)·(yₖ·v)·yₖ over one row's nonzeros: the sparse part of A·v.
    @inline(__always)
    static func addExcessProjections(fixed: UnsafePointer<Float>, f: Int, indices: UnsafePointer<Int32>,
                                     weights: UnsafePointer<Float>, count: Int, confidence: Confidence,
                                     v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        affinity_add_excess_projections(fixed, f, indices, weights, count, confidence.alpha, confidence.offset, v, out)
    }

    /// out = G·v for the symmetric f×f Gram matrix G. At f = 64 an OpenBLAS `sgemv` call
    /// costs more in dispatch than in arithmetic; this register-blocked loop is several
    /// times faster per CG step (Benchmarks/RESULTS.md).
    @inline(__always)
    static func symmetricProduct(_ g: UnsafePointer<Float>, f: Int, _ v: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        affinity_symv(g, f, v, out)
    }

    /// out += Σₖ cₖ·pₖ·yₖ over one row's nonzeros: the right-hand side Yᵀ·C·p.
    @inline(__always)
    static func addTargets(fixed: UnsafePointer<Float>, f: Int, indices: UnsafePointer<Int32>,
                           weights: UnsafePointer<Float>, count: Int, confidence: Confidence,
                           out: UnsafeMutablePointer<Float>) {
        affinity_add_targets(fixed, f, indices, weights, count, confidence.alpha, confidence.offset, out)
    }
}
