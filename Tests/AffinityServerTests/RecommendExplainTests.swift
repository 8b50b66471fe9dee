import AffinityData
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Foundation
import NIOCore
import Testing

/// `recommend … explain: true` through the dispatcher on real model files: every item carries the
/// library's decomposition of the history it was scored from (trained, then online), a popular
/// fallback carries empty lists, and without `explain` the reply is what it always was.
@Suite struct RecommendExplainTests {
    enum Kind: CaseIterable { case als, ease }

    static func dispatcher(_ kind: Kind, in dir: TemporaryDirectory) throws -> (Dispatcher, any TrainedModel, path: String) {
        let path = dir.path(kind == .als ? "m.affinity" : "m.ease")
        if kind == .als { try ModelFile.write(to: path) } else { try ModelFile.writeEASE(to: path) }
        return (try EASERecommenderModelTests.dispatcher(path), try ModelKind.load(path: path), path)
    }

    static func ask(_ d: Dispatcher, _ user: String, explain: Bool?) async throws -> RecommendResult {
        try await EASERecommenderModelTests.run(d, .recommend(RecommendParams(user: user, k: 5, explain: explain)), as: RecommendResult.self)
    }

    /// The library's explanation as wire lists.
    static func expected(_ model: any TrainedModel, _ reply: RecommendResult, items: [Int32], weights: [Float]) throws -> [[BecauseItem]] {
        let indices = reply.items.map { model.items.index(of: $0.item)! }
        return try model.explain(items: items, weights: weights, recommended: indices, k: 3).map { e in
            e.because.map { BecauseItem(item: $0.item, share: $0.share, contribution: $0.contribution) }
        }
    }

    @Test(arguments: Kind.allCases)
    func explainedItemsCarryTheLibrarysDecomposition(kind: Kind) async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-explain")
        defer { dir.remove() }
        let (d, model, path) = try Self.dispatcher(kind, in: dir)
        let plain = try await Self.ask(d, "u7", explain: nil)
        let explained = try await Self.ask(d, "u7", explain: true)
        #expect(explained.source == "model")
        #expect(explained.items.map(\.item) == plain.items.map(\.item) && explained.items.map(\.score) == plain.items.map(\.score))
        let trained = model.trainedInteractions(user: try #require(model.users.index(of: "u7")))
        let lists = explained.items.map { $0.because ?? [] }
        #expect(lists == (try Self.expected(model, explained, items: trained.items, weights: trained.weights)))
        // An item no history item scores (EASE across the blocks: B_ji = 0 exactly) has no term to name.
        #expect(zip(lists, explained.items).allSatisfy { list, item in list.count <= 3 && list.isEmpty == (item.score == 0) })
        // After feedback the online profile is explained: the clicked item enters, the dismissed one
        // (ALS: preference 0, no term) does not.
        for (item, event) in [("i3", "click"), ("i4", "dismiss")] {
            _ = try await EASERecommenderModelTests.run(d, .feedback(FeedbackParams(user: "u7", item: item, event: event)), as: FeedbackResult.self)
        }
        let after = try await Self.ask(d, "u7", explain: true)
        var profile = UserProfile(trained: zip(trained.items, trained.weights).map { ($0, $1) })
        let weights = try ProductionModelLoader().loadRecommender(path: path).eventWeights
        profile.add(3, weight: try #require(weights["click"]))
        profile.add(4, weight: try #require(weights["dismiss"]))
        let sums = profile.sortedWeights()
        #expect(after.items.map { $0.because ?? [] } == (try Self.expected(model, after, items: sums.items, weights: sums.weights)))
        if kind == .als { #expect(after.items.allSatisfy { ($0.because ?? []).allSatisfy { $0.item != "i4" } }) }
    }

    @Test(arguments: Kind.allCases)
    func withoutExplainTheReplyIsUnchangedAndFallbacksExplainNothing(kind: Kind) async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-explain-off")
        defer { dir.remove() }
        let (d, _, _) = try Self.dispatcher(kind, in: dir)
        let absent = try await Self.ask(d, "u2", explain: nil)
        #expect(try await Self.ask(d, "u2", explain: false) == absent)
        #expect(absent.items.allSatisfy { $0.because == nil })
        var out = ByteBuffer()
        #expect(Reply.success(.int(1), absent).writeFastPath(into: &out))
        #expect(!String(buffer: out).contains("because"))
        let explained = try await Self.ask(d, "u2", explain: true)
        var slow = ByteBuffer()
        #expect(!Reply.success(.int(1), explained).writeFastPath(into: &slow), "explained replies take the general encoder")
        #expect(String(buffer: Reply.success(.int(1), explained).encoded(allocator: ByteBufferAllocator())).contains(#""because":[{"#))
        let stranger = try await Self.ask(d, "nobody", explain: true)
        #expect(stranger.source == "popular_fallback")
        #expect(stranger.items.allSatisfy { $0.because == [] })
    }
}
