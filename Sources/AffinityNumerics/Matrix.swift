/// A dense, contiguous, row-major matrix of `Float` (Float32 storage).
///
/// Element `(r, c)` lives at `storage[r * cols + c]`. Rows are contiguous, so a
/// row can be handed to BLAS level-1 routines without copying. Equality is element-wise
/// (`==` on Float, so a matrix holding NaN never equals itself). Value semantics
/// (copy-on-write storage); share read-only copies freely across threads.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Row-major elements; keep `storage.count == rows * cols` when mutating it directly.
    public var storage: [Float]

    /// A `rows × cols` matrix filled with `value` (default 0).
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix shape must be non-negative; got \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = [Float](repeating: value, count: rows * cols)
    }

    /// Wraps row-major `storage`; its count must equal `rows * cols`.
    public init(rows: Int, cols: Int, storage: [Float]) {
        precondition(rows >= 0 && cols >= 0, "Matrix shape must be non-negative; got \(rows)×\(cols)")
        precondition(storage.count == rows * cols, "Matrix storage has \(storage.count) elements; \(rows)×\(cols) needs \(rows * cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// Element (row, col). Bounds are checked on the flat index only (an out-of-range
    /// column may alias the next row); use it in tests and setup, not inner loops.
    public subscript(row: Int, col: Int) -> Float {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// A copy of row `r` (allocates; in hot loops use `withView { $0.row(r) }`).
    public func row(_ r: Int) -> [Float] {
        Array(storage[(r * cols)..<((r + 1) * cols)])
    }

    /// True when every element is finite (no NaN, no ±Inf). Cost O(rows·cols).
    public var isFinite: Bool {
        storage.allSatisfy { $0.isFinite }
    }

    /// The index of the first row holding a non-finite value, or nil.
    public func firstNonFiniteRow() -> Int? {
        guard cols > 0 else { return nil }
        for r in 0..<rows {
            let base = r * cols
            for c in 0..<cols where !storage[base + c].isFinite { return r }
        }
        return nil
    }

    /// The transpose, as a new matrix. Cost O(rows·cols), one allocation.
    public func transposed() -> Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { t.storage[c * rows + r] = storage[r * cols + c] }
        }
        return t
    }

    /// Calls `body` with a read-only view of the whole matrix (ld = max(cols, 1)). The view
    /// must not escape `body`. Does not copy.
    public func withView<R>(_ body: (MatrixView) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { buf in
            try body(MatrixView(base: buf.baseAddress!, rows: rows, cols: cols))
        }
    }

    /// Calls `body` with a mutable view of the whole matrix. The view must not escape
    /// `body`; disjoint rows may be written from different threads inside it.
    public mutating func withMutableView<R>(_ body: (MutableMatrixView) throws -> R) rethrows -> R {
        let (r, c) = (rows, cols)
        return try storage.withUnsafeMutableBufferPointer { buf in
            try body(MutableMatrixView(base: buf.baseAddress!, rows: r, cols: c))
        }
    }
}

/// A borrowed, read-only, row-major view: `rows × cols` with row stride `ld` (≥ cols).
/// Valid only while the storage it points into is alive; never store it.
public struct MatrixView {
    public let base: UnsafePointer<Float>
    public let rows: Int
    public let cols: Int
    public let ld: Int

    public init(base: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int? = nil) {
        self.base = base
        self.rows = rows
        self.cols = cols
        self.ld = ld ?? max(cols, 1)
        precondition(self.ld >= cols, "leading dimension \(self.ld) < cols \(cols)")
    }

    /// Element (row, col) at `base[row·ld + col]`; unchecked.
    public subscript(row: Int, col: Int) -> Float { base[row * ld + col] }

    /// Pointer to the first element of row `r` (`cols` contiguous elements).
    public func row(_ r: Int) -> UnsafePointer<Float> { base + r * ld }
}

/// A borrowed, mutable, row-major view. Same lifetime rules as `MatrixView`.
public struct MutableMatrixView {
    public let base: UnsafeMutablePointer<Float>
    public let rows: Int
    public let cols: Int
    public let ld: Int

    public init(base: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int? = nil) {
        self.base = base
        self.rows = rows
        self.cols = cols
        self.ld = ld ?? max(cols, 1)
        precondition(self.ld >= cols, "leading dimension \(self.ld) < cols \(cols)")
    }

    /// Element (row, col) at `base[row·ld + col]`; unchecked.
    public subscript(row: Int, col: Int) -> Float {
        get { base[row * ld + col] }
        nonmutating set { base[row * ld + col] = newValue }
    }

    /// Pointer to the first element of row `r` (`cols` contiguous elements).
    public func row(_ r: Int) -> UnsafeMutablePointer<Float> { base + r * ld }

    /// The same memory as a read-only view.
    public var readOnly: MatrixView { MatrixView(base: UnsafePointer(base), rows: rows, cols: cols, ld: ld) }
}
