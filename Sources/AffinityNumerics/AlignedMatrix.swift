/// A row-major `rows × cols` Float32 matrix in memory that starts on a 64-byte (cache-line)
/// boundary, so a row of 16·k floats occupies exactly k cache lines.
///
/// `Matrix` keeps its elements in a Swift array, whose elements start 48 bytes into a cache line
/// (after the array header): its 64-float rows straddle five lines, and every other 32-byte load
/// of a row splits across two. The ALS trainer gathers fixed rows at random every step, and does
/// so measurably faster from this layout (Benchmarks/RESULTS.md, issue 15). Zero-filled on creation.
/// A class that owns its memory: share it only through its views (disjoint rows may be written
/// from different threads), and do not let a view outlive it.
public final class AlignedMatrix {
    public let rows: Int
    public let cols: Int
    /// All `rows · cols` elements, row-major.
    public let elements: UnsafeMutableBufferPointer<Float>

    public init(rows: Int, cols: Int) {
        precondition(rows >= 0 && cols >= 0, "AlignedMatrix shape must be non-negative; got \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        let count = rows * cols
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        elements = UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Float.self, repeating: 0, count: count), count: count)
    }

    deinit { elements.deallocate() }

    /// A read-only view of the whole matrix (ld = max(cols, 1)).
    public var view: MatrixView { MatrixView(base: UnsafePointer(elements.baseAddress!), rows: rows, cols: cols) }

    /// A mutable view of the whole matrix.
    public var mutableView: MutableMatrixView { MutableMatrixView(base: elements.baseAddress!, rows: rows, cols: cols) }

    /// A `Matrix` holding a copy of the elements.
    public func matrix() -> Matrix { Matrix(rows: rows, cols: cols, storage: Array(elements)) }
}
