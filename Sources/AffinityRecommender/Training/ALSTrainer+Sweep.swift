import AffinityNumerics

/// Why a half-sweep stopped: the lowest failing row of each kind, if any.
struct SweepFailures {
    /// Cholesky found the row's normal matrix not positive definite.
    var notPositiveDefinite: Int?
    /// The row's new factors hold NaN or Inf.
    var nonFinite: Int?
}

extension ALSTrainer {
    /// Solves every row of `target` against `fixed`: forms YᵀY + λI once into `gram` (in
    /// parallel pieces, `formGram`; YᵀY alone with frequency scaling, whose per-row λ·n the
    /// least-squares routine adds), then runs the least-squares routine over the row chunks
    /// `blocks`, which the workers (one per scratch) claim dynamically. Every row is solved
    /// independently with its worker's scratch, so the result does not depend on which worker
    /// took which chunk. Each solved row is checked for NaN/Inf while it is still in cache.
    static func halfSweep(_ target: inout Matrix, fixed: Matrix, csr: CSRMatrix, blocks: [Range<Int>],
                          gram: inout Matrix, gramPieces: inout Matrix, regularization: Float,
                          scaling: RegularizationScaling, confidence: Confidence, solver: ALSSolver,
                          scratches: [LeastSquaresScratch]) -> SweepFailures {
        fixed.withView { fv in
            target.withMutableView { tv in
                halfSweep(tv, fixed: fv, csr: csr, blocks: blocks, gram: &gram, gramPieces: &gramPieces,
                          regularization: regularization, scaling: scaling, confidence: confidence, solver: solver,
                          scratches: scratches)
            }
        }
    }

    /// `halfSweep` over views (the trainer's factors live in `AlignedMatrix` memory).
    static func halfSweep(_ tv: MutableMatrixView, fixed fv: MatrixView, csr: CSRMatrix, blocks: [Range<Int>],
                          gram: inout Matrix, gramPieces: inout Matrix, regularization: Float,
                          scaling: RegularizationScaling, confidence: Confidence, solver: ALSSolver,
                          scratches: [LeastSquaresScratch]) -> SweepFailures {
        let f = fv.cols
        let workers = scratches.count
        formGram(&gram, of: fv, regularization: scaling.gramRegularization(regularization), pieces: &gramPieces,
                 workers: workers)
        // Per worker: lowest failed Cholesky row, lowest non-finite row (Int.max = none).
        let failures = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * workers)
        failures.initialize(repeating: Int.max)
        defer { failures.deallocate() }
        gram.withView { gv in
            csr.rowPointers.withUnsafeBufferPointer { rp in
                csr.columns.withUnsafeBufferPointer { cols in
                    csr.values.withUnsafeBufferPointer { vals in
                        let problem = LeastSquares.Fixed(factors: fv.base, rows: fv.rows, f: f, gram: gv.base,
                                                         perInteraction: scaling.perInteraction(regularization))
                        Parallel.forEachChunk(blocks.count, threads: workers) { c, w in
                            let scratch = scratches[w]
                            for r in blocks[c] {
                                let start = rp[r]
                                let x = tv.row(r)
                                let info = LeastSquares.solve(
                                    indices: cols.baseAddress! + start, weights: vals.baseAddress! + start,
                                    count: rp[r + 1] - start, fixed: problem, confidence: confidence,
                                    solver: solver, x: x, scratch: scratch)
                                if info != 0 && r < failures[2 * w] { failures[2 * w] = r }
                                // x − x is 0 for finite x and NaN for NaN/Inf (NaN ≠ 0): a branch-free sum per row.
                                var probe: Float = 0
                                for j in 0..<f { probe += x[j] - x[j] }
                                if probe != 0, r < failures[2 * w + 1] { failures[2 * w + 1] = r }
                            }
                        }
                    }
                }
            }
        }
        let lowest = { (kind: Int) -> Int? in
            let m = (0..<workers).map { failures[2 * $0 + kind] }.min() ?? Int.max
            return m == Int.max ? nil : m
        }
        return SweepFailures(notPositiveDefinite: lowest(0), nonFinite: lowest(1))
    }

    /// Splits rows into `workers` contiguous blocks of about equal cost, where a row costs
    /// its nonzeros plus a fixed per-row overhead. Depends only on the matrix and `workers`.
    static func partition(_ csr: CSRMatrix, workers: Int, f: Int) -> [Range<Int>] {
        let rows = csr.rows
        let perRow = max(1, f / 4)  // per-row work (gemv on f×f, solver bookkeeping) in nonzero units
        let cost = { (r: Int) -> Int in csr.rowPointers[r] + r * perRow }
        let total = cost(rows)
        var blocks: [Range<Int>] = []
        var start = 0
        for w in 1...workers {
            let target = total * w / workers
            var lo = start, hi = rows
            while lo < hi {  // first row boundary whose cost reaches the target
                let mid = (lo + hi) / 2
                if cost(mid) < target { lo = mid + 1 } else { hi = mid }
            }
            let end = w == workers ? rows : lo
            blocks.append(start..<end)
            start = end
        }
        return blocks
    }

    static func longestRow(_ csr: CSRMatrix) -> Int {
        var m = 0
        for r in 0..<csr.rows { m = max(m, csr.rowPointers[r + 1] - csr.rowPointers[r]) }
        return m
    }
}
