import AffinityNumerics

extension ALSTrainer {
    /// The fixed side's rows are cut into this many contiguous pieces for YᵀY; a constant (not
    /// the thread count), so the Gram matrix, and with it the fit, is the same at any thread count.
    static let gramPieces = 8

    /// gram = YᵀY + λI for Y = `fixed`: each piece's YᵢᵀYᵢ by `ssyrk` (OpenBLAS on one thread)
    /// into its own f×f slot of `pieces` (gramPieces·f rows × f), the pieces spread over
    /// `workers`, then summed in piece order. Cost O(rows·f²/workers + gramPieces·f²).
    /// The result depends only on `fixed` and λ (not on `workers`): the model forms its
    /// fold-in Gram matrix with this same routine, so a fold-in repeats training's final
    /// user solve bit for bit.
    static func formGram(_ gram: inout Matrix, of fixed: Matrix, regularization: Float,
                         pieces: inout Matrix, workers: Int) {
        fixed.withView { formGram(&gram, of: $0, regularization: regularization, pieces: &pieces, workers: workers) }
    }

    /// `formGram` over a view of the fixed factors.
    static func formGram(_ gram: inout Matrix, of fv: MatrixView, regularization: Float,
                         pieces: inout Matrix, workers: Int) {
        let f = fv.cols, n = gramPieces
        precondition(gram.rows == f && gram.cols == f && pieces.rows == n * f && pieces.cols == f,
                     "formGram: gram \(gram.rows)×\(gram.cols), pieces \(pieces.rows)×\(pieces.cols), f = \(f)")
        pieces.withMutableView { pv in
            Parallel.forEachChunk(n, threads: workers) { p, _ in
                let rows = Parallel.block(p, of: n, count: fv.rows)
                let slice = MatrixView(base: fv.base + rows.lowerBound * fv.ld, rows: rows.count, cols: f, ld: fv.ld)
                BLAS.gram(slice, MutableMatrixView(base: pv.base + p * f * f, rows: f, cols: f))
            }
            gram.withMutableView { gv in
                for i in 0..<(f * f) {
                    var s: Float = 0
                    for p in 0..<n { s += pv.base[p * f * f + i] }
                    gv.base[i] = s
                }
                for d in 0..<f { gv.base[d * f + d] += regularization }
            }
        }
    }
}
