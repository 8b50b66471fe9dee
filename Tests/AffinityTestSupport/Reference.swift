public import AffinityNumerics

/// Naive reference implementations, written for clarity, accumulated in Double.
/// Fast code under test is compared against these; they share no code with it.
public enum Reference {
    /// op(A)[i, j] for a logical (dense) matrix.
    @inline(__always)
    static func op(_ a: Matrix, _ t: BLAS.Transpose, _ i: Int, _ j: Int) -> Double {
        t == .none ? Double(a[i, j]) : Double(a[j, i])
    }

    public static func dot(_ x: [Float], _ y: [Float]) -> Double {
        var s = 0.0
        for i in 0..<min(x.count, y.count) { s += Double(x[i]) * Double(y[i]) }
        return s
    }

    /// alpha·op(A)·x + beta·y; `beta == 0` ignores y entirely (BLAS convention).
    public static func gemv(_ t: BLAS.Transpose, alpha: Float, _ a: Matrix, _ x: [Float],
                            beta: Float, _ y: [Float]) -> [Double] {
        let (m, n) = t == .none ? (a.rows, a.cols) : (a.cols, a.rows)
        return (0..<m).map { i in
            var s = 0.0
            for j in 0..<n { s += op(a, t, i, j) * Double(x[j]) }
            return Double(alpha) * s + (beta == 0 ? 0 : Double(beta) * Double(y[i]))
        }
    }

    /// alpha·op(A)·op(B) + beta·C as m×n row-major; `beta == 0` ignores C.
    public static func gemm(_ ta: BLAS.Transpose, _ tb: BLAS.Transpose, alpha: Float,
                            _ a: Matrix, _ b: Matrix, beta: Float, _ c: Matrix) -> [Double] {
        let (m, k) = ta == .none ? (a.rows, a.cols) : (a.cols, a.rows)
        let n = tb == .none ? b.cols : b.rows
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k { s += op(a, ta, i, l) * op(b, tb, l, j) }
                out[i * n + j] = Double(alpha) * s + (beta == 0 ? 0 : Double(beta) * Double(c[i, j]))
            }
        }
        return out
    }

    /// Σ |op(A)[i,l]|·|op(B)[l,j]| maximized over (i, j): the natural scale of gemm's
    /// rounding error (1 when empty).
    public static func gemmScale(_ ta: BLAS.Transpose, _ tb: BLAS.Transpose, _ a: Matrix, _ b: Matrix) -> Double {
        let absA = Matrix(rows: a.rows, cols: a.cols, storage: a.storage.map(abs))
        let absB = Matrix(rows: b.rows, cols: b.cols, storage: b.storage.map(abs))
        let c = Matrix(rows: 0, cols: 0)
        let m = gemm(ta, tb, alpha: 1, absA, absB, beta: 0, c)
        return max(m.max() ?? 0, 1e-30)
    }

    /// Solves A·x = b by Gaussian elimination with partial pivoting in Double.
    /// Returns nil when A is singular to working precision.
    public static func solve(_ a: Matrix, _ b: [Float]) -> [Double]? {
        let n = a.rows
        var m = (0..<n).map { i in (0..<n).map { Double(a[i, $0]) } + [Double(b[i])] }
        for col in 0..<n {
            guard let p = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), m[p][col] != 0 else { return nil }
            m.swapAt(col, p)
            for r in (col + 1)..<max(col + 1, n) {
                let f = m[r][col] / m[col][col]
                for c in col...n { m[r][c] -= f * m[col][c] }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = m[i][n]
            for j in (i + 1)..<max(i + 1, n) { s -= m[i][j] * x[j] }
            x[i] = s / m[i][i]
        }
        return x
    }

    /// The order (1-based) of the first leading minor whose Cholesky pivot is not
    /// positive, computed in Double; nil when A is positive definite.
    public static func firstNonPositiveMinor(_ a: Matrix) -> Int? {
        let n = a.rows
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var d = Double(a[j, j])
            for k in 0..<j { d -= l[j][k] * l[j][k] }
            guard d > 0, d.isFinite else { return j + 1 }
            l[j][j] = d.squareRoot()
            for i in (j + 1)..<max(j + 1, n) {
                var s = Double(a[i, j])
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = s / l[j][j]
            }
        }
        return nil
    }

    /// ‖A·x − b‖₂ / ‖b‖₂ computed in Double.
    public static func relativeResidual(_ a: Matrix, _ x: [Float], _ b: [Float]) -> Double {
        let ax = gemv(.none, alpha: 1, a, x, beta: 0, [])
        let r = zip(ax, b).map { $0 - Double($1) }
        let nb = Tolerance.norm(b.map(Double.init))
        return nb == 0 ? Tolerance.norm(r) : Tolerance.norm(r) / nb
    }

    /// Top-k by a full stable sort: non-NaN entries ordered by score descending, ties by
    /// index ascending, truncated to k; `skip` removes indices first.
    public static func topK(_ scores: [Float], k: Int, skip: (Int32) -> Bool = { _ in false }) -> [TopK.Entry] {
        let kept = scores.enumerated()
            .filter { !$0.element.isNaN && !skip(Int32($0.offset)) }
            .map { TopK.Entry(index: Int32($0.offset), score: $0.element) }
        // Swift's sort is stable; sorting by score alone keeps index order within ties.
        let sorted = kept.sorted { $0.score > $1.score }
        return Array(sorted.prefix(max(k, 0)))
    }

    /// COO triplets → [row: [col: summed value]], summing in input order in Float (the
    /// same order and precision CSRMatrix promises, so results compare exactly).
    public static func cooSums(rows: [Int32], cols: [Int32], values: [Float]) -> [Int32: [Int32: Float]] {
        var d: [Int32: [Int32: Float]] = [:]
        for i in 0..<values.count { d[rows[i], default: [:]][cols[i], default: 0] += values[i] }
        return d
    }
}
