import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// `EASEModel.explain`: score_i = Σ_j x_uj·B_ji term by term, against the served scores and against a
/// B computed the plain way in Double; through `TrainedModel.explain` for users, carts and strangers.
@Suite struct EASEExplainTests {
    static let l2 = 2.0

    static func setup() throws -> (x: CSRMatrix, model: EASEModel) {
        let x = ALSFixtures.randomMatrix(users: 20, items: 10, density: 0.3, seed: 9)
        return (x, try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: l2)))
    }

    /// Tolerances: the terms are exact Float products summed in Double, the served score the same
    /// products summed in Float (≤ 10 terms: 1e-5 of Σ|term|); B itself is a Float32 inverse of a
    /// well-conditioned 10×10 matrix, within 1e-4 of the Double reference.
    @Test func termsAddUpToTheScoreAndMatchAPlainB() throws {
        let (x, model) = try Self.setup()
        let b = EASEFixtures.referenceB(x, l2: Self.l2)
        let impression = try #require(model.header.eventWeights["impression"])
        for u in 0..<20 {
            var items = x.range(ofRow: u).map { x.columns[$0] }, weights = x.range(ofRow: u).map { x.values[$0] }
            if let other = (0..<Int32(10)).first(where: { !items.contains($0) }) {
                items.append(other)
                weights.append(impression)
            }
            let history = zip(items, weights).map { (itemIndex: $0, weight: $1) }
            let scores = model.scores(history: history)
            let explained = model.explain(items: items, weights: weights, recommended: (0..<10).map(Int32.init), k: items.count)
            for (i, e) in explained.enumerated() {
                let terms = e.because.map { Double($0.contribution) }
                let scale = max(terms.map(abs).reduce(0, +), 1e-12)
                #expect(abs(terms.reduce(0, +) - Double(scores[i])) <= 1e-5 * scale, "user \(u) item \(i)")
                for c in e.because {
                    let k = try #require(items.firstIndex(of: c.itemIndex))
                    #expect(abs(Double(c.contribution) - Double(weights[k]) * b[Int(c.itemIndex)][i]) <= 1e-4 * scale)
                    #expect(abs(c.share - c.contribution / e.total) <= 1e-6 * abs(c.share) + 1e-9)
                }
                #expect(zip(e.because, e.because.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
            }
        }
    }

    /// The CLI's entry point: a user's list is explained from their training history, a cart's from its
    /// items at weight 1, and a popular fallback has empty explanations.
    @Test func trainedModelExplainsUsersCartsAndFallbacks() throws {
        let (_, model) = try Self.setup()
        let m: any TrainedModel = model
        let list = m.recommend(user: "u3", k: 4, filter: RecommendationFilter(), catalog: nil)
        let explained = try m.explain(list, user: "u3")
        let (items, weights) = m.trainedInteractions(user: 3)
        #expect(explained == model.explain(items: items, weights: weights, recommended: list.items.map(\.itemIndex)))
        #expect(explained.allSatisfy { $0.because.count <= 3 && $0.because.allSatisfy { items.contains($0.itemIndex) } })
        let cart = m.recommendItems(items: ["i2", "i5"], k: 4, filter: RecommendationFilter(), catalog: nil)
        let cartExplained = try m.explain(cart, user: nil, cart: ["i2", "i5"])
        #expect(cartExplained == model.explain(items: [2, 5], weights: [1, 1], recommended: cart.items.map(\.itemIndex)))
        let stranger = m.recommend(user: "nobody", k: 4, filter: RecommendationFilter(), catalog: nil)
        #expect(stranger.source == .popularFallback)
        #expect(try m.explain(stranger, user: "nobody").map(\.because) == [[], [], [], []])
    }
}
