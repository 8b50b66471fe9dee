import AffinityNumerics

extension ALSTrainer {
    /// The objective ALS minimizes, summed over all user×item cells:
    ///   Σᵤᵢ cᵤᵢ·(pᵤᵢ − xᵤᵀyᵢ)² + λ·(Σᵤ sᵤ‖xᵤ‖² + Σᵢ sᵢ‖yᵢ‖²), with c = 1, p = 0 where unobserved
    /// and s = 1 (no scaling) or the row's positive-weight interactions (frequency scaling).
    /// Computed in O(users·f² + nnz·f) through YᵀY, never visiting the zeros. Partial sums
    /// are per worker block and added in block order, so the value depends only on the
    /// inputs and the thread count.
    static func loss(users uv: MatrixView, items iv: MatrixView, matrix: CSRMatrix, byItem: CSRMatrix, confidence: Confidence,
                     regularization: Float, scaling: RegularizationScaling,
                     blocks: [Range<Int>], scratches: [LeastSquaresScratch]) -> Double {
        let penalty = { (csr: CSRMatrix, row: Int) -> Float in
            scaling == .none ? regularization : regularization * Float(csr.range(ofRow: row).count { csr.values[$0] > 0 })
        }
        let f = iv.cols
        var gram = Matrix(rows: f, cols: f)
        gram.withMutableView { gv in BLAS.gram(iv, gv) }
        let partial = UnsafeMutableBufferPointer<Double>.allocate(capacity: blocks.count)
        partial.initialize(repeating: 0)
        defer { partial.deallocate() }
        gram.withView { gv in
            Parallel.forEachBlock(count: blocks.count, threads: blocks.count) { _, w in
                let gx = scratches[w].rhs
                var sum = 0.0
                for u in blocks[w] {
                    let x = uv.row(u)
                    BLAS.gemv(.none, alpha: 1, gv, x, beta: 0, gx)
                    sum += Double(BLAS.dot(f, x, 1, gx, 1)) + Double(penalty(matrix, u) * BLAS.dot(f, x, 1, x, 1))
                    for k in matrix.range(ofRow: u) {
                        let w = matrix.values[k]
                        let s = BLAS.dot(f, x, 1, iv.row(Int(matrix.columns[k])), 1)
                        let excess = confidence.excess(w), target = confidence.target(w)
                        sum += Double(excess * s * s - 2 * target * s + target)
                    }
                }
                partial[w] = sum
            }
        }
        var total = partial.reduce(0, +)
        for i in 0..<iv.rows {
            let y = UnsafeBufferPointer(start: iv.row(i), count: f)
            total += Double(penalty(byItem, i)) * y.reduce(0) { $0 + Double($1 * $1) }
        }
        return total
    }
}
