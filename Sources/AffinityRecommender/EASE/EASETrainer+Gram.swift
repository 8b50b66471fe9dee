import AffinityNumerics

extension EASETrainer {
    /// G = XᵀX (n × n, Double, full symmetric) from the sparse `x`, with BLAS `dsyrk`.
    ///
    /// Rows are taken `blockRows` (default `EASETrainer.blockRows`) at a time and densified. A block touching only a few distinct
    /// items (at most n/4, usual for sparse shop data) is densified over just those columns: its
    /// small Gram (m × m for m items) costs rows·m² instead of rows·n², and is added into G's
    /// upper triangle at the items' positions. A block touching many items is densified over all
    /// n columns and `dsyrk` adds it into G directly (beta = 1). Either way the dense kernel does
    /// the work at BLAS speed; a sparse outer-product loop would do fewer flops on very sparse
    /// rows but at scalar speed, and the Gram step is small next to the n³ inverse anyway.
    static func gram(_ x: CSRMatrix, into g: UnsafeMutablePointer<Double>, blockRows: Int = Self.blockRows) {
        let n = x.cols
        g.initialize(repeating: 0, count: n * n)
        var position = [Int32](repeating: -1, count: n)
        var touched: [Int32] = []
        var dense = [Double](repeating: 0, count: blockRows * n)
        var small: [Double] = []
        var start = 0
        while start < x.rows {
            let end = min(x.rows, start + blockRows), rows = end - start
            touched.removeAll(keepingCapacity: true)
            for k in x.rowPointers[start]..<x.rowPointers[end] where position[Int(x.columns[k])] < 0 {
                position[Int(x.columns[k])] = Int32(touched.count)
                touched.append(x.columns[k])
            }
            let m = touched.count, compact = 4 * m <= n
            let width = compact ? m : n
            dense.withUnsafeMutableBufferPointer { d in
                d.baseAddress!.update(repeating: 0, count: rows * width)
                for r in start..<end {
                    for k in x.range(ofRow: r) {
                        let c = Int(x.columns[k])
                        d[(r - start) * width + (compact ? Int(position[c]) : c)] = Double(x.values[k])
                    }
                }
                if compact {
                    if small.count < m * m { small = [Double](repeating: 0, count: m * m) }
                    small.withUnsafeMutableBufferPointer { s in
                        BLAS.gramUpper(d.baseAddress!, rows: rows, k: m, lda: max(m, 1), s.baseAddress!, ldc: max(m, 1))
                        for a in 0..<m {
                            for b in a..<m {
                                let (i, j) = (Int(touched[a]), Int(touched[b]))
                                g[min(i, j) * n + max(i, j)] += s[a * m + b]
                            }
                        }
                    }
                } else {
                    BLAS.gramUpper(d.baseAddress!, rows: rows, k: n, lda: n, beta: 1, g, ldc: n)
                }
            }
            for c in touched { position[Int(c)] = -1 }
            start = end
        }
        BLAS.mirrorUpper(g, n: n, ldc: n)
    }
}
