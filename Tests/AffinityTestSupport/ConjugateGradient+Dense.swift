public import AffinityNumerics

extension ConjugateGradient {
    /// Dense convenience: runs CG on A·x = b with an explicit symmetric positive-definite
    /// `n × n` matrix A, using `BLAS.gemv` for the product.
    ///
    /// Allocates its own scratch (3·n Floats); use the pointer form with a reused `Scratch`
    /// in loops. Same stopping rules, precision and cost as the pointer form, with
    /// A·p costing O(n²).
    public static func solve(_ a: Matrix, _ b: [Float], x: inout [Float],
                             steps: Int, tolerance: Float = 0) -> Report {
        precondition(a.rows == a.cols, "ConjugateGradient: A is \(a.rows)×\(a.cols); expected square")
        precondition(b.count == a.rows && x.count == a.rows,
                     "ConjugateGradient: b has \(b.count) and x \(x.count) elements; expected \(a.rows)")
        let n = a.rows
        guard n > 0 else { return Report(steps: 0, residualNorm: 0, stop: .converged) }
        let scratch = Scratch(capacity: n)
        return a.withView { av in
            b.withUnsafeBufferPointer { bb in
                x.withUnsafeMutableBufferPointer { xb in
                    solve(n: n, x: xb.baseAddress!, b: bb.baseAddress!, steps: steps,
                          tolerance: tolerance, scratch: scratch) { p, out in
                        BLAS.gemv(.none, alpha: 1, av, p, beta: 0, out)
                    }
                }
            }
        }
    }
}
