import AffinityNumerics

/// Top-k for many users at once: scores a block of users against all items with one gemm,
/// then selects per user. Blocks are split over workers with fixed boundaries; OpenBLAS is
/// pinned to one thread inside the parallel region and restored afterwards.
enum BatchScorer {
    static let blockRows = 128

    static func topK(model: ALSModel, users: [Int32], k: Int, exclude: [Set<Int32>], threads: Int) -> [[Int32]] {
        let n = model.header.items, f = model.factors
        guard !users.isEmpty, n > 0 else { return users.map { _ in [] } }
        let blocks = (users.count + blockRows - 1) / blockRows
        let workers = max(1, min(threads, blocks))
        let results = UnsafeMutableBufferPointer<[Int32]>.allocate(capacity: users.count)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        let previous = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previous) }
        let items = MatrixView(base: model.storage.itemFactors, rows: n, cols: f)
        Parallel.forEachBlock(count: blocks, threads: workers) { range, _ in
            var queries = Matrix(rows: blockRows, cols: f)
            var scores = Matrix(rows: blockRows, cols: n)
            for b in range {
                let first = b * blockRows, count = min(blockRows, users.count - first)
                for r in 0..<count {
                    let x = model.userFactors(users[first + r])
                    for j in 0..<f { queries[r, j] = x[j] }
                }
                queries.withView { q in
                    scores.withMutableView { s in
                        BLAS.gemm(.none, .transpose, MatrixView(base: q.base, rows: count, cols: f), items,
                                  MutableMatrixView(base: s.base, rows: count, cols: n))
                    }
                }
                for r in 0..<count {
                    let u = Int(users[first + r])
                    scores.withMutableView { s in
                        let row = s.row(r)
                        for i in exclude[u] { row[Int(i)] = .nan }
                        results[first + r] = TopK.select(UnsafePointer(row), count: n, k: k).map(\.index)
                    }
                }
            }
        }
        return Array(results)
    }
}
