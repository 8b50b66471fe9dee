import AffinityNumerics
import Testing

@Suite("cache-line-aligned matrix")
struct AlignedMatrixTests {
    @Test("starts on a 64-byte boundary, zero-filled; views and matrix() see the same elements",
          arguments: [(0, 0), (1, 1), (3, 64), (7, 13)])
    func layout(shape: (Int, Int)) {
        let (rows, cols) = shape
        let m = AlignedMatrix(rows: rows, cols: cols)
        #expect(Int(bitPattern: m.elements.baseAddress) % 64 == 0)
        #expect(m.elements.count == rows * cols && m.elements.allSatisfy { $0 == 0 })
        for i in m.elements.indices { m.elements[i] = Float(i) * 0.5 }
        let copy = m.matrix()
        #expect(copy.rows == rows && copy.cols == cols && copy.storage == Array(m.elements))
        for r in 0..<rows {
            for c in 0..<cols {
                #expect(m.view[r, c] == copy[r, c] && m.mutableView.row(r)[c] == copy[r, c])
            }
        }
        guard rows * cols > 0 else { return }
        m.mutableView[0, 0] = -1
        #expect(m.elements[0] == -1 && copy[0, 0] == 0, "matrix() is a copy")
    }
}
