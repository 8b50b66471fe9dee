import AffinityNumerics

// TEMPORARY until AffinityTestSupport's Reference/Tolerance land on main (then removed).
enum Reference {
    static func solve(_ a: Matrix, _ b: [Float]) -> [Double]? {
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
}

enum Tolerance {
    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
