public import AffinityNumerics

/// Seeded random inputs for numeric tests. The same arguments give the same values on
/// every run and platform (Xoshiro256** under the hood).
public enum Fixtures {
    /// Uniform values in [-1, 1).
    public static func vector(_ count: Int, seed: UInt64) -> [Float] {
        var rng = Xoshiro256(seed: seed)
        return (0..<count).map { _ in rng.nextFloat() * 2 - 1 }
    }

    /// A `rows × cols` matrix of uniform values in [-1, 1).
    public static func matrix(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: vector(rows * cols, seed: seed))
    }

    /// A symmetric positive-definite `n × n` matrix BᵀB/n + shift·I with B uniform in
    /// [-1, 1). Its eigenvalues lie in about [shift, shift + n/3 + 1], so `shift` bounds
    /// the condition number; the result is exactly symmetric in Float32.
    public static func spd(_ n: Int, seed: UInt64, shift: Double = 0.5) -> Matrix {
        let b = matrix(rows: n, cols: n, seed: seed)
        var a = Matrix(rows: n, cols: n)
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for k in 0..<n { s += Double(b[k, i]) * Double(b[k, j]) }
                let v = Float(s / Double(max(n, 1)) + (i == j ? shift : 0))
                a[i, j] = v
                a[j, i] = v
            }
        }
        return a
    }

    /// A planted low-rank matrix U·Vᵀ (+ uniform noise of amplitude `noise`) with
    /// U (`rows × rank`) and V (`cols × rank`) uniform in [-1, 1).
    public static func lowRank(rows: Int, cols: Int, rank: Int, seed: UInt64, noise: Float = 0)
        -> (product: Matrix, u: Matrix, v: Matrix)
    {
        let u = matrix(rows: rows, cols: rank, seed: seed)
        let v = matrix(rows: cols, cols: rank, seed: seed &+ 1)
        var rng = Xoshiro256(seed: seed &+ 2)
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<rows {
            for j in 0..<cols {
                var s = 0.0
                for k in 0..<rank { s += Double(u[i, k]) * Double(v[j, k]) }
                m[i, j] = Float(s) + noise * (rng.nextFloat() * 2 - 1)
            }
        }
        return (m, u, v)
    }
}

/// A matrix stored with a row stride `ld > cols`; the padding holds `padding` (NaN by
/// default) so a routine that reads or writes outside the logical matrix is caught.
public struct StridedMatrix {
    public let rows: Int
    public let cols: Int
    public let ld: Int
    public var storage: [Float]

    public init(_ m: Matrix, ld: Int, padding: Float = .nan) {
        precondition(ld >= max(m.cols, 1))
        rows = m.rows
        cols = m.cols
        self.ld = ld
        storage = [Float](repeating: padding, count: max(m.rows * ld, 1))
        for r in 0..<m.rows { for c in 0..<m.cols { storage[r * ld + c] = m[r, c] } }
    }

    /// The logical matrix.
    public var dense: Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for r in 0..<rows { for c in 0..<cols { m[r, c] = storage[r * ld + c] } }
        return m
    }

    /// The padding elements, in storage order.
    public var padding: [Float] {
        var out: [Float] = []
        for r in 0..<rows { for c in cols..<ld { out.append(storage[r * ld + c]) } }
        return out
    }

    public func withView<R>(_ body: (MatrixView) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(MatrixView(base: $0.baseAddress!, rows: rows, cols: cols, ld: ld)) }
    }

    public mutating func withMutableView<R>(_ body: (MutableMatrixView) throws -> R) rethrows -> R {
        let (r, c, l) = (rows, cols, ld)
        return try storage.withUnsafeMutableBufferPointer {
            try body(MutableMatrixView(base: $0.baseAddress!, rows: r, cols: c, ld: l))
        }
    }
}
