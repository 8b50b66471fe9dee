import AffinityData
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Testing

/// `impression` (shown, not clicked) and `dismiss` are negative weights in the default event-weight
/// table: for ALS a preference of 0 with confidence from |w|, so an item shown again and again sinks
/// for that shopper at the next request; for EASE the weight times the item's row of B. Impressed
/// items stay candidates (`exclude_seen` hides only items with a positive summed weight).
@Suite struct NegativeFeedbackTests {
    @Test func theDefaultTableHasNegativeImpressionAndDismissAndTheFunnelUnchanged() {
        #expect(EventWeights.funnel["impression"] == -0.5 && EventWeights.funnel["dismiss"] == -2)
        for event in ShopEvent.allCases { #expect(EventWeights.funnel[event.rawValue] == Float(event.weight) && event.weight > 0) }
    }

    @Test func impressionsLowerAnItemsRankForThatUserOnTheNextRequest() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-impressions")
        defer { dir.remove() }
        let path = dir.path("m.affinity")
        try ModelFile.write(to: path)
        let dispatcher = try EASERecommenderModelTests.dispatcher(path)
        let als = try ALSModel.load(path: path)
        let user = "u7"
        let ask = Request.recommend(RecommendParams(user: user, k: 30))
        let before = try await EASERecommenderModelTests.run(dispatcher, ask, as: RecommendResult.self)
        let target = try #require(before.items.first?.item)
        // Shown again and again, never clicked: its score falls with every impression until it leaves the top.
        var score = before.items[0].score, rank = 0, shown = 0
        var after = before
        while rank == 0 && shown < 40 {
            _ = try await EASERecommenderModelTests.run(dispatcher, .feedback(FeedbackParams(user: user, item: target, event: "impression")),
                                                        as: FeedbackResult.self)
            shown += 1
            after = try await EASERecommenderModelTests.run(dispatcher, ask, as: RecommendResult.self)
            rank = try #require(after.items.firstIndex { $0.item == target }, "an impressed item stays a candidate")
            #expect(after.items[rank].score < score, "impression \(shown)")
            score = after.items[rank].score
        }
        #expect(rank > 0, "still first after \(shown) impressions")

        // The same answer from the fold-in done directly: the trained history plus `shown` × −0.5 on the target.
        let u = try #require(als.users.index(of: user)), t = try #require(als.items.index(of: target))
        let history = als.userHistory(u)
        var profile = UserProfile(trained: zip(history.items, history.weights).map { (item: $0.0, weight: $0.1) })
        for _ in 0..<shown { profile.add(t, weight: try #require(als.header.eventWeights["impression"])) }
        try als.foldIn(&profile)
        let factors = try #require(profile.factors)
        let expected = factors.withUnsafeBufferPointer { als.recommend(factors: $0, seen: profile.interactedItems, k: 30) }
        #expect(after.items.map(\.item) == expected.map(\.item))
        #expect(after.items.map(\.score) == expected.map(\.score))

        let dismissed = try await EASERecommenderModelTests.run(dispatcher, .feedback(FeedbackParams(user: user, item: target, event: "dismiss")),
                                                                as: FeedbackResult.self)
        let export = try await EASERecommenderModelTests.run(dispatcher, .exportUser(UserParams(user: user)), as: ExportResult.self)
        #expect(export.events.last?.seq == dismissed.seq && export.events.last?.weight == -2)
        let last = try await EASERecommenderModelTests.run(dispatcher, ask, as: RecommendResult.self)
        #expect(try #require(last.items.firstIndex { $0.item == target }) >= rank)
    }

    @Test func anEASEImpressionSubtractsTheItemsRow() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-ease-impressions")
        defer { dir.remove() }
        let path = dir.path("m.ease")
        try ModelFile.writeEASE(to: path)
        let dispatcher = try EASERecommenderModelTests.dispatcher(path)
        let ease = try EASEModel.load(path: path)
        let user = "u7", target = "i14"  // in u7's block of items 12–17
        let ask = Request.recommend(RecommendParams(user: user, k: 30, excludeSeen: false))
        _ = try await EASERecommenderModelTests.run(dispatcher, .feedback(FeedbackParams(user: user, item: "i3", event: "impression")),
                                                    as: FeedbackResult.self)
        _ = try await EASERecommenderModelTests.run(dispatcher, .feedback(FeedbackParams(user: user, item: target, event: "dismiss")),
                                                    as: FeedbackResult.self)
        let after = try await EASERecommenderModelTests.run(dispatcher, ask, as: RecommendResult.self)
        var x: [Int32: Double] = [:]
        for (j, w) in ease.userHistory(try #require(ease.users.index(of: user))) { x[j, default: 0] += Double(w) }
        x[try #require(ease.items.index(of: "i3")), default: 0] -= 0.5
        x[try #require(ease.items.index(of: target)), default: 0] -= 2
        let expected = EASERecommenderModelTests.reference(ease, x)
        #expect(after.items.count == 30)
        for scored in after.items {
            let j = Int(try #require(ease.items.index(of: scored.item)))
            #expect(abs(Double(scored.score) - expected[j]) <= 1e-5 * max(1, abs(expected[j])), "\(scored.item)")
        }
        // exclude_seen hides the positive history but not the impression-only item.
        let hidden = try await EASERecommenderModelTests.run(dispatcher, .recommend(RecommendParams(user: user, k: 30)), as: RecommendResult.self)
        let positive = Set(x.filter { $0.value > 0 }.map { ease.items[$0.key] })
        #expect(Set(hidden.items.map(\.item)) == Set((0..<30).map { "i\($0)" }).subtracting(positive))
        #expect(hidden.items.contains { $0.item == "i3" })
    }
}
