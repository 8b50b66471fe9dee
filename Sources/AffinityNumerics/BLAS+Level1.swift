import CBLAS

extension BLAS {
    /// Dot product of `n` elements: Σ x[i·incX]·y[i·incY] (`sdot`, Float accumulation).
    /// Returns 0 for n = 0. Strides must be ≥ 1 here (negative strides follow BLAS's
    /// reversed-order convention and are untested). Cost O(n).

    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ incX: Int = 1, _ y: UnsafePointer<Float>, _ incY: Int = 1) -> Float {
        cblas_sdot(Int32(n), x, Int32(incX), y, Int32(incY))
    }

    /// y ← alpha·x + y over `n` elements. Cost O(n).

    public static func axpy(_ n: Int, alpha: Float, _ x: UnsafePointer<Float>, _ incX: Int = 1, _ y: UnsafeMutablePointer<Float>, _ incY: Int = 1) {
        cblas_saxpy(Int32(n), alpha, x, Int32(incX), y, Int32(incY))
    }

    /// x ← alpha·x over `n` elements. Cost O(n).

    public static func scal(_ n: Int, alpha: Float, _ x: UnsafeMutablePointer<Float>, _ incX: Int = 1) {
        cblas_sscal(Int32(n), alpha, x, Int32(incX))
    }

    /// Euclidean norm of `n` elements (`snrm2`), scaled so it does not overflow where the
    /// naive sum of squares would. NaN in x gives NaN. Cost O(n).

    public static func nrm2(_ n: Int, _ x: UnsafePointer<Float>, _ incX: Int = 1) -> Float {
        cblas_snrm2(Int32(n), x, Int32(incX))
    }

    /// y ← x over `n` elements (`scopy`). Cost O(n). `x` and `y` must not overlap.
    public static func copy(_ n: Int, _ x: UnsafePointer<Float>, _ incX: Int = 1, _ y: UnsafeMutablePointer<Float>, _ incY: Int = 1) {
        cblas_scopy(Int32(n), x, Int32(incX), y, Int32(incY))
    }

    // Contiguous forms. A defaulted unlabeled stride followed by another unlabeled
    // pointer cannot be omitted in a call, so these spell out the common unit-stride case.

    /// Unit-stride `dot`: Σ x[i]·y[i]. Cost O(n).
    @inlinable
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        dot(n, x, 1, y, 1)
    }

    /// Unit-stride `axpy`: y ← alpha·x + y. Cost O(n).
    @inlinable
    public static func axpy(_ n: Int, alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        axpy(n, alpha: alpha, x, 1, y, 1)
    }

    /// Unit-stride `copy`: y ← x. Cost O(n).
    @inlinable
    public static func copy(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        copy(n, x, 1, y, 1)
    }

    /// Array convenience for `dot`; the arrays must have equal length (precondition).
    public static func dot(_ x: [Float], _ y: [Float]) -> Float {
        precondition(x.count == y.count, "dot: lengths differ (\(x.count) vs \(y.count))")
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                guard let xp = xb.baseAddress, let yp = yb.baseAddress else { return 0 }
                return dot(x.count, xp, 1, yp, 1)
            }
        }
    }
}
