import AffinityNumerics
import AffinityTestSupport
import Testing

@Suite("Matrix and views")
struct MatrixTests {
    @Test("element layout, row, transpose")
    func layout() {
        let m = Matrix(rows: 2, cols: 3, storage: [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4 && m.row(1) == [4, 5, 6])
        #expect(m.transposed() == Matrix(rows: 3, cols: 2, storage: [1, 4, 2, 5, 3, 6]))
        #expect(m.transposed().transposed() == m)
    }

    @Test("finiteness checks find the first bad row")
    func finiteness() {
        var m = Fixtures.matrix(rows: 5, cols: 4, seed: 1)
        #expect(m.isFinite && m.firstNonFiniteRow() == nil)
        m[3, 2] = .infinity
        m[4, 0] = .nan
        #expect(!m.isFinite && m.firstNonFiniteRow() == 3)
    }

    @Test("views of empty matrices are safe", arguments: [(0, 0), (0, 5), (5, 0)])
    func emptyViews(shape: (Int, Int)) {
        var m = Matrix(rows: shape.0, cols: shape.1)
        #expect(m.withView { $0.rows * $0.cols } == 0)
        #expect(m.withMutableView { $0.ld } >= 1)
    }
}
