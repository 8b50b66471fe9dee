// The serving-shape fixture shared by the Recommender suite (FoldIn) and ServingRate: a seeded
// synthetic ALS model where every user has `perUser` distinct items with weights 1–4, and each
// user's history read back from the model, as the server reads it before a fold-in.
internal import AffinityNumerics
public import AffinityRecommender

public struct ServingFixture: Sendable {
    public let model: ALSModel
    /// Per user: the item indices of their history, and the weights beside them.
    public let items: [[Int32]]
    public let weights: [[Float]]

    /// Defaults: the server's shape (64 users, 10,000 items, 64 factors, 50 interactions, seed 9).
    public init(users: Int = 64, items n: Int = 10_000, factors f: Int = 64, perUser: Int = 50, seed: UInt64 = 9) {
        var rng = Xoshiro256(seed: seed)
        var r: [Int32] = [], c: [Int32] = [], v: [Float] = []
        for u in 0..<users {
            var chosen = Set<Int32>()
            while chosen.count < perUser { chosen.insert(Int32(rng.next() % UInt64(n))) }
            for i in chosen.sorted() { r.append(Int32(u)); c.append(i); v.append(Float(1 + rng.next() % 4)) }
        }
        let built = SyntheticModel.als(users: users, items: n, factors: f, rowIndices: r, colIndices: c, values: v, rng: &rng)
        let history = (0..<Int32(users)).map { built.userHistory($0) }
        model = built
        items = history.map(\.items)
        weights = history.map(\.weights)
    }
}
