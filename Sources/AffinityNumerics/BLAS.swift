/// Thin wrappers over the CBLAS routines Affinity uses.
///
/// Every wrapper checks shapes with `precondition` (a wrong shape is a programmer
/// error) and calls exactly one BLAS routine. Precision is Float32 throughout.
/// NaN in the inputs propagates to the outputs as BLAS defines; callers that must
/// not carry NaN check with `Matrix.isFinite`. Results are bit-identical for the
/// same inputs and the same `BLASThreads` setting.
public enum BLAS {
    /// Whether an operand is used as stored or transposed.
    public enum Transpose: Sendable {
        case none
        case transpose
    }
}
