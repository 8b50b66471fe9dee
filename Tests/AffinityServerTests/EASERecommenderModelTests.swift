import AffinityData
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Foundation
import Logging
import Testing

/// Serving EASE models: the adapter answers as the CLI's `EASEModel.recommend`, a feedback event
/// changes the user's next `recommend` by its weight times the item's row of B, a reload can switch
/// from ALS to EASE (the catalogue check applies), and a batch answers as requests one at a time.
@Suite struct EASERecommenderModelTests {
    /// A dispatcher over the model file at `path` and a memory log.
    static func dispatcher(_ path: String) throws -> Dispatcher {
        let log = MemoryEventLog()
        let loaded = try Dispatcher.loadSnapshot(loader: ProductionModelLoader(), modelPath: path, churnPath: nil, log: log,
                                                 logger: Logger(label: "test"))
        return Dispatcher(registry: ModelRegistry(loaded.snapshot), log: log, loader: ProductionModelLoader(),
                          logger: Logger(label: "test"))
    }

    static func run<R>(_ dispatcher: Dispatcher, _ request: Request, as: R.Type) async throws -> R {
        let outcome = await withCheckedContinuation { c in dispatcher.handle(request) { c.resume(returning: $0) } }
        return try #require(try outcome.get() as? R)
    }

    static func errorCode(_ dispatcher: Dispatcher, _ request: Request) async -> ErrorCode? {
        let outcome = await withCheckedContinuation { c in dispatcher.handle(request) { c.resume(returning: $0) } }
        if case .failure(let e) = outcome { return e.code }
        return nil
    }

    @Test func trainedUsersAndStrangersGetTheCLIsRecommendation() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-ease-adapter")
        defer { dir.remove() }
        let path = dir.path("m.ease")
        try ModelFile.writeEASE(to: path)
        let model = try ProductionModelLoader().loadRecommender(path: path)
        let cli = try ModelKind.load(path: path)
        #expect(cli.kind == .ease)
        #expect(model.factorCount == 0 && model.factorBytes == 30 * 30 * 4 && model.hyperparameters["kind"] == "ease")
        #expect(model.trainedFactors(user: "u3") == nil && model.isTrained(user: "u3") && !model.isTrained(user: "stranger"))
        for user in (0..<60).map({ "u\($0)" }) + ["stranger"] {
            for excludeSeen in [true, false] {
                let expected = cli.recommend(user: user, k: 8, filter: RecommendationFilter(excludeSeen: excludeSeen), catalog: nil)
                // Without a profile (the trained history read in place) and with one built from it.
                for profile in [nil, UserProfile(trained: model.trainedWeights(user: user))] {
                    let got = model.recommend(batch: [RecommendRequest(profile: profile, trainedUser: user, excludeSeen: excludeSeen, k: 8,
                                                                       filter: RecommendFilter())])[0]
                    #expect(got.source == expected.source.rawValue, "\(user)")
                    #expect(got.items.map(\.item) == expected.items.map(\.item), "\(user) exclude_seen \(excludeSeen)")
                    #expect(got.items.map(\.score) == expected.items.map(\.score), "\(user) exclude_seen \(excludeSeen)")
                }
            }
        }
        let cart = model.recommendItems(["i3", "i4"], k: 5)
        #expect(cart.items.map(\.item) == cli.recommendItems(items: ["i3", "i4"], k: 5, filter: RecommendationFilter(), catalog: nil).items.map(\.item))
        #expect(model.similarItems("i3", k: 5).items.map(\.item) == (try cli.similarItems(item: "i3", k: 5)).map(\.item))
    }

    /// x_u·B in Double from B's rows, for every item.
    static func reference(_ ease: EASEModel, _ x: [Int32: Double]) -> [Double] {
        (0..<ease.items.count).map { j in x.reduce(0.0) { $0 + $1.value * Double(ease.weights(item: $1.key)[j]) } }
    }

    @Test func feedbackChangesTheNextRecommendByTheWeightTimesTheItemsRow() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-ease-feedback")
        defer { dir.remove() }
        let path = dir.path("m.ease")
        try ModelFile.writeEASE(to: path)
        let dispatcher = try Self.dispatcher(path)
        let ease = try EASEModel.load(path: path)
        let user = "u7", item = "i3"  // u7 buys in items 12–17; i3 is from another block
        let u = try #require(ease.users.index(of: user)), i = try #require(ease.items.index(of: item))
        let ask = Request.recommend(RecommendParams(user: user, k: 30, excludeSeen: false))
        let before = try await Self.run(dispatcher, ask, as: RecommendResult.self)
        _ = try await Self.run(dispatcher, .feedback(FeedbackParams(user: user, item: item, event: "cart_add")), as: FeedbackResult.self)
        let after = try await Self.run(dispatcher, ask, as: RecommendResult.self)

        var x: [Int32: Double] = [:]
        for (j, w) in ease.userHistory(u) { x[j, default: 0] += Double(w) }
        let old = Self.reference(ease, x)
        x[i, default: 0] += Double(try #require(ease.header.eventWeights["cart_add"]))
        let new = Self.reference(ease, x)
        #expect(before.source == "model" && after.source == "model" && after.items.count == 30)
        for (list, expected) in [(before, old), (after, new)] {
            for scored in list.items {
                let j = Int(try #require(ease.items.index(of: scored.item)))
                #expect(abs(Double(scored.score) - expected[j]) <= 1e-5 * max(1, abs(expected[j])), "\(scored.item)")
            }
        }
        // The cart add moved the scores by 4 × row i3 of B, so items of i3's block rise.
        let changed = zip(old, new).filter { abs($0 - $1) > 1e-3 }.count
        #expect(changed > 0)
        #expect(before.items.map(\.item) != after.items.map(\.item))

        let export = try await Self.run(dispatcher, .exportUser(UserParams(user: user)), as: ExportResult.self)
        #expect(export.factors == nil && export.known)
        #expect(export.history.map(\.item) == ease.userHistory(u).map { ease.items[$0.itemIndex] })
        #expect(export.events.map(\.item) == [item])
    }

    @Test func reloadSwitchesFromALSToEASEWithTheCatalogueCheck() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-ease-reload")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("m.affinity"))
        try ModelFile.writeEASE(to: dir.path("m.ease"))
        try ModelFile.writeEASE(to: dir.path("other.ease"), itemPrefix: "x")
        let dispatcher = try Self.dispatcher(dir.path("m.affinity"))
        _ = try await Self.run(dispatcher, .feedback(FeedbackParams(user: "u2", item: "i20", event: "purchase")), as: FeedbackResult.self)
        let reloaded = try await Self.run(dispatcher, .reload(ReloadParams(path: dir.path("m.ease"))), as: ReloadResult.self)
        #expect(reloaded.catalogOverlap == 1)
        let info = try await Self.run(dispatcher, .modelInfo, as: ModelInfoResult.self)
        #expect(info.factors == 0 && info.factorBytes == 30 * 30 * 4 && info.hyperparameters["kind"] == "ease")
        #expect(info.eventsSinceTraining == 1)
        // The replayed purchase is in u2's history row.
        let ease = try EASEModel.load(path: dir.path("m.ease"))
        var x: [Int32: Double] = [:]
        for (j, w) in ease.userHistory(try #require(ease.users.index(of: "u2"))) { x[j, default: 0] += Double(w) }
        x[try #require(ease.items.index(of: "i20")), default: 0] += 8
        let expected = Self.reference(ease, x)
        let got = try await Self.run(dispatcher, .recommend(RecommendParams(user: "u2", k: 30, excludeSeen: false)), as: RecommendResult.self)
        for scored in got.items {
            let j = Int(try #require(ease.items.index(of: scored.item)))
            #expect(abs(Double(scored.score) - expected[j]) <= 1e-5 * max(1, abs(expected[j])), "\(scored.item)")
        }
        #expect(await Self.errorCode(dispatcher, .reload(ReloadParams(path: dir.path("other.ease")))) == .badRequest)
        let forced = try await Self.run(dispatcher, .reload(ReloadParams(path: dir.path("other.ease"), force: true)), as: ReloadResult.self)
        #expect(forced.catalogOverlap == 0)
    }

    @Test func batchEqualsOneAtATime() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-ease-batch")
        defer { dir.remove() }
        try ModelFile.writeEASE(to: dir.path("m.ease"))
        let dispatcher = try Self.dispatcher(dir.path("m.ease"))
        _ = try await Self.run(dispatcher, .feedback(FeedbackParams(user: "u4", item: "i1", event: "click")), as: FeedbackResult.self)
        _ = try await Self.run(dispatcher, .feedback(FeedbackParams(user: "newcomer", item: "i9", event: "view")), as: FeedbackResult.self)
        var params = RecommendBatchTests.params(40)
        params += [RecommendParams(user: "u4", k: 7), RecommendParams(user: "newcomer", k: 4, excludeSeen: false)]
        let batched = dispatcher.recommendBatch(params)
        for (i, p) in params.enumerated() {
            let alone = await withCheckedContinuation { c in dispatcher.handle(.recommend(p)) { c.resume(returning: $0) } }
            #expect(RecommendBatchTests.line(i, batched[i]) == RecommendBatchTests.line(i, alone.map { $0 as! RecommendResult }))
        }
        #expect(batched.contains { (try? $0.get())?.source == "popular_fallback" })
        #expect((try? batched[params.count - 1].get())?.source == "model")
    }
}
