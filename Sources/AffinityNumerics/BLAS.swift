/// Thin wrappers over the CBLAS routines Affinity uses.
///
/// Every wrapper checks shapes with `precondition` (a wrong shape is a programmer
/// error) and calls exactly one BLAS routine; zero-sized shapes are handled by the
/// wrapper without calling BLAS. Precision is Float32 throughout (accumulation order is
/// OpenBLAS's; expect relative errors around k·2^-24 for length-k sums).
/// NaN in the inputs propagates to the outputs as BLAS defines; callers that must
/// not carry NaN check with `Matrix.isFinite`. With `beta == 0` the previous output
/// contents (even NaN) are ignored, as the BLAS standard specifies (tested). Results are
/// bit-identical for the same inputs and the same `BLASThreads` setting, but may differ
/// in the last bits between thread counts or CPU kernels (`OPENBLAS_CORETYPE`).
/// Outputs must not overlap inputs. Views give shapes and strides; pointer arguments
/// must hold the number of elements stated on each function.
public enum BLAS {
    /// Whether an operand is used as stored or transposed.
    public enum Transpose: Sendable {
        case none
        case transpose
    }
}
