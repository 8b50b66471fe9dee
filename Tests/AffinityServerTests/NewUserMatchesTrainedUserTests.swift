import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Testing

/// Through the server's model adapter: a never-seen user whose online events carry exactly a
/// trained user's summed weights gets that user's trained factors (bit for bit: the trainer's
/// last half-step is the exact user solve fold-in repeats) and the same recommendations, for
/// every trained user, with the default CG solver, with frequency-scaled λ and with weight
/// transforms (the fold-in transforms the summed raw weights as training did).
@Suite struct NewUserMatchesTrainedUserTests {
    @Test(arguments: [(RegularizationScaling.none, WeightTransform.none), (.frequency, .none), (.none, .log1p), (.frequency, .bm25)])
    func newUserWithATrainedUsersEventsGetsTheirFactorsAndTopTen(scaling: RegularizationScaling, transform: WeightTransform) throws {
        let dir = try TemporaryDirectory(prefix: "affinity-new-user")
        defer { dir.remove() }
        var table = InteractionTable(users: IDMap(ids: (0..<40).map { "u\($0)" }), items: IDMap(ids: (0..<25).map { "i\($0)" }))
        var rng = Xoshiro256(seed: 77)
        for u in 0..<40 {
            for _ in 0..<5 {
                table.userIndices.append(Int32(u))
                table.itemIndices.append(Int32((u % 4) * 6 + Int(rng.next() % 7)))
                table.weights.append(Float(1 + rng.next() % 8))
            }
        }
        var config = ALSConfig()
        config.factors = 8; config.iterations = 4; config.threads = 2; config.regularization = 0.2
        config.regularizationScaling = scaling
        config.weightTransform = transform
        try ALSModel.train(table, config: config).save(to: dir.path("m.affinity"))
        let model = try ProductionModelLoader().loadRecommender(path: dir.path("m.affinity"))
        for u in 0..<40 {
            let trained = model.trainedWeights(user: "u\(u)")
            var stranger = UserProfile()
            for (item, weight) in trained { stranger.add(item, weight: weight) }
            try model.foldIn(&stranger)
            let factors = try #require(stranger.factors)
            let stored = try #require(model.trainedFactors(user: "u\(u)"))
            #expect(factors.map(\.bitPattern) == stored.map(\.bitPattern), "u\(u)")
            let asked = model.recommend(batch: [RecommendRequest(profile: stranger, trainedUser: nil, excludeSeen: true, k: 10,
                                                                 filter: RecommendFilter())])[0]
            let own = model.recommend(batch: [RecommendRequest(profile: nil, trainedUser: "u\(u)", excludeSeen: true, k: 10,
                                                               filter: RecommendFilter())])[0]
            #expect(asked.source == "model" && own.source == "model")
            #expect(asked.items.map(\.item) == own.items.map(\.item), "u\(u)")
        }
    }
}
