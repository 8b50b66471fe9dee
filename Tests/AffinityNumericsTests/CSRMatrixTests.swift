import AffinityNumerics
import AffinityTestSupport
import Testing

// Exact comparisons: CSRMatrix sums duplicates in input order in Float, and the
// dictionary reference does the same, so values must match bit for bit.
@Suite("CSR sparse matrix")
struct CSRMatrixTests {
    static func randomCOO(rows: Int, cols: Int, nnz: Int, seed: UInt64) -> ([Int32], [Int32], [Float]) {
        var rng = Xoshiro256(seed: seed)
        var r: [Int32] = [], c: [Int32] = [], v: [Float] = []
        for _ in 0..<nnz {
            // Few distinct columns per row so duplicates are common; skip some rows entirely.
            r.append(Int32(rng.next() % UInt64(max(rows / 2, 1))) * 2)
            c.append(Int32(rng.next() % UInt64(min(cols, 6))))
            v.append(rng.nextFloat() * 4 - 2)
        }
        return (r, c, v)
    }

    static func checkAgainstReference(_ m: CSRMatrix, rows: [Int32], cols: [Int32], values: [Float]) {
        let ref = Reference.cooSums(rows: rows, cols: cols, values: values)
        #expect(m.rowPointers.count == m.rows + 1 && m.rowPointers.first == 0 && m.rowPointers.last == m.nnz)
        var total = 0
        for r in 0..<m.rows {
            let range = m.range(ofRow: r)
            let cs = Array(m.columns[range]), vs = Array(m.values[range])
            #expect(zip(cs, cs.dropFirst()).allSatisfy { $0 < $1 }, "row \(r) columns not strictly increasing")
            let expected = ref[Int32(r)] ?? [:]
            #expect(cs == expected.keys.sorted(), "row \(r) columns")
            for (c, v) in zip(cs, vs) { #expect(v == expected[c], "row \(r) col \(c)") }
            total += cs.count
        }
        #expect(total == m.nnz)
    }

    @Test("COO → CSR: duplicates summed, columns sorted, empty rows",
          arguments: [(1, 1, 0), (1, 1, 5), (10, 8, 40), (50, 50, 1000), (7, 3, 200)])
    func fromCOO(shape: (Int, Int, Int)) {
        let (rows, cols, nnz) = shape
        let (r, c, v) = Self.randomCOO(rows: rows, cols: cols, nnz: nnz, seed: UInt64(rows + nnz))
        let m = CSRMatrix(rows: rows, cols: cols, rowIndices: r, colIndices: c, values: v)
        #expect(m.rows == rows && m.cols == cols)
        Self.checkAgainstReference(m, rows: r, cols: c, values: v)
    }

    @Test("COO → CSR while releasing the inputs: the same matrix, the inputs left empty",
          arguments: [(1, 1, 0), (10, 8, 40), (50, 50, 1000)])
    func fromCOOTaking(shape: (Int, Int, Int)) {
        let (rows, cols, nnz) = shape
        let (r, c, v) = Self.randomCOO(rows: rows, cols: cols, nnz: nnz, seed: UInt64(5 * rows + nnz))
        var (tr, tc, tv) = (r, c, v)
        let m = CSRMatrix(rows: rows, cols: cols, taking: &tr, &tc, &tv)
        #expect(tr.isEmpty && tc.isEmpty && tv.isEmpty)
        Self.checkAgainstReference(m, rows: r, cols: c, values: v)
    }

    @Test("empty matrix and already-sorted input")
    func simpleCases() {
        let empty = CSRMatrix(rows: 0, cols: 0, rowIndices: [], colIndices: [], values: [])
        #expect(empty.nnz == 0 && empty.rowPointers == [0])
        let sorted = CSRMatrix(rows: 3, cols: 4, rowIndices: [0, 0, 2], colIndices: [1, 3, 0], values: [1, 2, 3])
        #expect(sorted.rowPointers == [0, 2, 2, 3] && sorted.columns == [1, 3, 0] && sorted.values == [1, 2, 3])
        let dup = CSRMatrix(rows: 1, cols: 4, rowIndices: [0, 0, 0, 0], colIndices: [3, 1, 3, 1], values: [1, 2, 4, 8])
        #expect(dup.columns == [1, 3] && dup.values == [10, 5])
    }

    @Test("transpose matches the reference transpose and round-trips", arguments: [(1, 1, 3), (10, 8, 40), (50, 50, 1000)])
    func transpose(shape: (Int, Int, Int)) {
        let (rows, cols, nnz) = shape
        let (r, c, v) = Self.randomCOO(rows: rows, cols: cols, nnz: nnz, seed: UInt64(3 * rows + nnz))
        let m = CSRMatrix(rows: rows, cols: cols, rowIndices: r, colIndices: c, values: v)
        let t = m.transposed()
        #expect(t.rows == cols && t.cols == rows && t.nnz == m.nnz)
        // Aᵀ from COO with swapped roles, built from the summed entries of m.
        var tr: [Int32] = [], tc: [Int32] = [], tv: [Float] = []
        for row in 0..<m.rows { for i in m.range(ofRow: row) { tr.append(m.columns[i]); tc.append(Int32(row)); tv.append(m.values[i]) } }
        Self.checkAgainstReference(t, rows: tr, cols: tc, values: tv)
        #expect(t.transposed() == m)
    }
}
