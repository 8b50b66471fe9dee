import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Testing

/// The ALS adapter scores a request from the user's profile (its items are what was seen) or, without
/// one, from the trained user; checked against `ALSModel.recommend` with the seen items spelled out.
@Suite struct ALSRecommenderModelTests {
    @Test func profileAndTrainedRequestsMatchTheModelsOwnRecommend() throws {
        let (dir, model, als) = try ModelFile.loaded(prefix: "affinity-als-adapter")
        defer { dir.remove() }
        var rng = Xoshiro256(seed: 23)
        for trial in 0..<20 {
            let user = trial % 4 == 0 ? "stranger" : "u\(Int.random(in: 0..<60, using: &rng))"
            let trained = als.users.index(of: user)
            var profile = UserProfile(trained: model.trainedWeights(user: user))
            var online: [ItemIndex] = []
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                let item = ItemIndex(Int.random(in: 0..<30, using: &rng))
                profile.add(item, weight: 2)
                online.append(item)
            }
            try model.foldIn(&profile)
            let factors = try #require(profile.factors)
            let seen = online + (trained.map { Array(als.userHistoryItems($0)) } ?? [])
            let expected = factors.withUnsafeBufferPointer { als.recommend(factors: $0, seen: seen, k: 8) }
            let got = model.recommend(batch: [RecommendRequest(profile: profile, trainedUser: user, excludeSeen: true, k: 8,
                                                               filter: RecommendFilter())])[0]
            #expect(got.source == "model")
            #expect(got.items.map(\.item) == expected.map(\.item), "trial \(trial)")
            #expect(got.items.map(\.score) == expected.map(\.score), "trial \(trial)")
            // Without a profile: the trained user's own recommendation, or the popular fallback.
            let plain = model.recommend(batch: [RecommendRequest(profile: nil, trainedUser: user, excludeSeen: true, k: 8,
                                                                 filter: RecommendFilter())])[0]
            let reference = als.recommend(user: user, k: 8)
            #expect(plain.source == reference.source.rawValue, "trial \(trial)")
            #expect(plain.items.map(\.item) == reference.items.map(\.item), "trial \(trial)")
        }
    }
}
