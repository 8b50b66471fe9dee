/// A compressed-sparse-row matrix of `Float` with `Int32` column indices.
///
/// Row `r`'s entries are `columns[rowPointers[r]..<rowPointers[r+1]]` with the
/// matching `values`; columns within a row are strictly increasing (duplicates were
/// summed on construction). Values are Float32; NaN values are stored as given.
public struct CSRMatrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public let rowPointers: [Int]
    public let columns: [Int32]
    public let values: [Float]

    public var nnz: Int { columns.count }

    /// Builds from coordinate (COO) triplets. Duplicate (row, col) pairs are summed in
    /// input order (so the result is deterministic); columns are sorted within each row;
    /// rows with no entries are empty. Indices out of range are preconditions — validate
    /// user data before calling. Cost O(nnz + rows) plus O(r log r) per unsorted row of
    /// length r.
    public init(rows: Int, cols: Int, rowIndices: [Int32], colIndices: [Int32], values: [Float]) {
        var r = rowIndices, c = colIndices, v = values
        self.init(rows: rows, cols: cols, taking: &r, &c, &v)
    }

    /// The same matrix as `init(rows:cols:rowIndices:colIndices:values:)`, built while the COO
    /// arrays are released: each input is emptied as soon as it has been scattered, so when the
    /// caller held the only reference the peak is the row indices plus one COO array plus the
    /// output (4·nnz bytes less than holding all of them), and afterwards only the matrix remains.
    public init(rows: Int, cols: Int, taking rowIndices: inout [Int32], _ colIndices: inout [Int32], _ values: inout [Float]) {
        precondition(rowIndices.count == colIndices.count && colIndices.count == values.count,
                     "CSRMatrix: COO arrays differ in length")
        self.rows = rows
        self.cols = cols
        // Counting sort by row: columns first, then values, to the same positions.
        var counts = [Int](repeating: 0, count: rows + 1)
        for r in rowIndices {
            precondition(r >= 0 && Int(r) < rows, "CSRMatrix: row index \(r) out of 0..<\(rows)")
            counts[Int(r) + 1] += 1
        }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        let n = values.count
        var next = counts
        var cols32 = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let r = Int(rowIndices[i])
            let c = colIndices[i]
            precondition(c >= 0 && Int(c) < cols, "CSRMatrix: column index \(c) out of 0..<\(cols)")
            cols32[next[r]] = c
            next[r] += 1
        }
        colIndices = []
        next = counts
        var vals = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let r = Int(rowIndices[i])
            vals[next[r]] = values[i]
            next[r] += 1
        }
        values = []
        rowIndices = []
        // Sort each row by column and sum duplicates, compacting in place.
        var outPointers = [Int](repeating: 0, count: rows + 1)
        var write = 0
        var order: [Int] = []
        for r in 0..<rows {
            let start = counts[r], end = counts[r + 1]
            outPointers[r] = write
            if end > start {
                var sorted = true
                for i in (start + 1)..<max(start + 1, end) where cols32[i - 1] >= cols32[i] { sorted = false; break }
                if sorted {
                    for i in start..<end { cols32[write] = cols32[i]; vals[write] = vals[i]; write += 1 }
                } else {
                    order.removeAll(keepingCapacity: true)
                    order.append(contentsOf: start..<end)
                    order.sort { cols32[$0] != cols32[$1] ? cols32[$0] < cols32[$1] : $0 < $1 }
                    let rowCols = order.map { cols32[$0] }
                    let rowVals = order.map { vals[$0] }
                    var i = 0
                    while i < rowCols.count {
                        let c = rowCols[i]
                        var v: Float = 0
                        while i < rowCols.count && rowCols[i] == c { v += rowVals[i]; i += 1 }
                        cols32[write] = c; vals[write] = v; write += 1
                    }
                }
            }
        }
        outPointers[rows] = write
        cols32.removeLast(cols32.count - write)
        vals.removeLast(vals.count - write)
        self.rowPointers = outPointers
        self.columns = cols32
        self.values = vals
    }

    /// Builds directly from CSR arrays that already satisfy the invariants (row pointers
    /// non-decreasing from 0 to nnz, columns strictly increasing within each row and in
    /// 0..<cols). Only the array lengths are checked; cost O(1).
    public init(rows: Int, cols: Int, rowPointers: [Int], columns: [Int32], values: [Float]) {
        precondition(rowPointers.count == rows + 1 && columns.count == values.count && rowPointers.last == columns.count,
                     "CSRMatrix: inconsistent CSR arrays")
        self.rows = rows
        self.cols = cols
        self.rowPointers = rowPointers
        self.columns = columns
        self.values = values
    }

    /// The index range of row `r`'s entries.
    @inlinable
    public func range(ofRow r: Int) -> Range<Int> { rowPointers[r]..<rowPointers[r + 1] }

    /// The transpose (CSC of self, i.e. CSR of Aᵀ). Columns stay sorted. Cost O(nnz + cols).
    public func transposed() -> CSRMatrix {
        var counts = [Int](repeating: 0, count: cols + 1)
        for c in columns { counts[Int(c) + 1] += 1 }
        for i in 0..<cols { counts[i + 1] += counts[i] }
        var next = counts
        var tCols = [Int32](repeating: 0, count: nnz)
        var tVals = [Float](repeating: 0, count: nnz)
        for r in 0..<rows {
            for i in range(ofRow: r) {
                let c = Int(columns[i])
                tCols[next[c]] = Int32(r)
                tVals[next[c]] = values[i]
                next[c] += 1
            }
        }
        return CSRMatrix(rows: cols, cols: rows, rowPointers: counts, columns: tCols, values: tVals)
    }
}
