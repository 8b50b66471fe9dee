// Seeded synthetic ALS models for the benchmarks, built in setup and never timed: the given
// interaction matrix with user then item factors drawn from N(0, 0.1²). One builder, so the
// Recommender suite, ServingRate and ScoringRate measure models made the same way.
public import AffinityNumerics
public import AffinityRecommender
import AffinityData

public enum SyntheticModel {
    /// An ALS model over `users` × `items` with the given interactions (row-sorted COO) and
    /// `factors` random factors a row: `users` rows drawn from `rng` first, then `items` rows.
    /// Users are named "u0", "u1", ..., items "i0", "i1", ....
    public static func als(
        users: Int, items: Int, factors: Int,
        rowIndices: [Int32], colIndices: [Int32], values: [Float],
        rng: inout Xoshiro256
    ) -> ALSModel {
        func random(_ rows: Int) -> Matrix {
            Matrix(rows: rows, cols: factors, storage: (0..<(rows * factors)).map { _ in Float(rng.nextGaussian()) * 0.1 })
        }
        var config = ALSConfig()
        config.factors = factors
        let userFactors = random(users)
        let itemFactors = random(items)
        return ALSModel(factors: ALSFactors(users: userFactors, items: itemFactors),
                        matrix: CSRMatrix(rows: users, cols: items, rowIndices: rowIndices, colIndices: colIndices, values: values),
                        users: IDMap(ids: (0..<users).map { "u\($0)" }), items: IDMap(ids: (0..<items).map { "i\($0)" }),
                        config: config)
    }
}
