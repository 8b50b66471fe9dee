import AffinityNumerics
@testable import AffinityRecommender

/// Small seeded problems for the recommender tests.
enum ALSFixtures {
    /// A random sparse users×items matrix with weights in 1...5 and every row non-empty.
    static func randomMatrix(users: Int, items: Int, density: Double, seed: UInt64) -> CSRMatrix {
        var rng = Xoshiro256(seed: seed)
        var r: [Int32] = [], c: [Int32] = [], v: [Float] = []
        for u in 0..<users {
            for i in 0..<items where rng.nextDouble() < density || i == u % items {
                r.append(Int32(u)); c.append(Int32(i)); v.append(Float(1 + rng.next() % 5))
            }
        }
        return CSRMatrix(rows: users, cols: items, rowIndices: r, colIndices: c, values: v)
    }

    static func randomFactors(rows: Int, f: Int, seed: UInt64) -> Matrix {
        var rng = Xoshiro256(seed: seed)
        return Matrix(rows: rows, cols: f, storage: (0..<(rows * f)).map { _ in Float(rng.nextGaussian()) * 0.5 })
    }

    /// Planted blocks: user u likes the items of group u % groups, except one withheld item per user.
    static func planted(users: Int, items: Int, groups: Int) -> (matrix: CSRMatrix, withheld: [Int32]) {
        var r: [Int32] = [], c: [Int32] = [], withheld: [Int32] = []
        for u in 0..<users {
            let g = u % groups
            let members = (0..<items).filter { $0 % groups == g }
            let hidden = members[(u / groups) % members.count]
            withheld.append(Int32(hidden))
            for i in members where i != hidden { r.append(Int32(u)); c.append(Int32(i)) }
        }
        return (CSRMatrix(rows: users, cols: items, rowIndices: r, colIndices: c,
                          values: [Float](repeating: 1, count: r.count)), withheld)
    }
}
