import AffinityData
import AffinityNumerics
import AffinityTestSupport
@testable import AffinityRecommender

/// Small EASE problems and a plain Double reference.
enum EASEFixtures {
    /// The users × items matrix as an interaction table with IDs "u<i>" / "i<j>".
    static func table(_ m: CSRMatrix) -> InteractionTable {
        var t = InteractionTable(users: IDMap(ids: (0..<m.rows).map { "u\($0)" }), items: IDMap(ids: (0..<m.cols).map { "i\($0)" }))
        for u in 0..<m.rows {
            for k in m.range(ofRow: u) {
                t.userIndices.append(Int32(u)); t.itemIndices.append(m.columns[k]); t.weights.append(m.values[k])
            }
        }
        return t
    }

    /// B in Double the plain way: G = XᵀX + λI by loops, P = G⁻¹ column by column
    /// (`Reference.solve`, Gaussian elimination in Double), B[i][j] = −P[i][j]/P[j][j], B[j][j] = 0.
    /// λ and the weights must be exact in Float (the reference takes a Float matrix).
    static func referenceB(_ x: CSRMatrix, l2: Double) -> [[Double]] {
        let n = x.cols
        var g = Matrix(rows: n, cols: n)
        for u in 0..<x.rows {
            for a in x.range(ofRow: u) {
                for b in x.range(ofRow: u) { g[Int(x.columns[a]), Int(x.columns[b])] += x.values[a] * x.values[b] }
            }
        }
        for j in 0..<n { g[j, j] += Float(l2) }
        let columns = (0..<n).map { j in Reference.solve(g, (0..<n).map { $0 == j ? 1 : 0 })! }  // P[·][j]
        return (0..<n).map { i in (0..<n).map { j in i == j ? 0 : -columns[j][i] / columns[j][j] } }
    }

    /// x_u·B in Double for user `u`'s row of `x`.
    static func referenceScores(_ x: CSRMatrix, user u: Int, b: [[Double]]) -> [Double] {
        var s = [Double](repeating: 0, count: x.cols)
        for k in x.range(ofRow: u) { for j in 0..<x.cols { s[j] += Double(x.values[k]) * b[Int(x.columns[k])][j] } }
        return s
    }
}
