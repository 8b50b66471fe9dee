import AffinityData
import AffinityProtocol
import AffinityServer
import Testing

@Suite struct DispatcherTests {
    @Test func oneCartAddChangesTheNextRecommendation() async throws {
        let fx = try DispatcherFixture()
        let ask = Request.recommend(RecommendParams(user: "alice", k: 10, excludeSeen: false))
        let before = try await fx.result(ask, as: RecommendResult.self)
        #expect(before.source == "model")
        let ack = try await fx.result(.feedback(FeedbackParams(user: "alice", item: "i30", event: "cart_add")), as: FeedbackResult.self)
        #expect(ack.seq == 1)
        let after = try await fx.result(ask, as: RecommendResult.self)
        #expect(after.items != before.items)
        // The new factors are exactly the fold-in of the full history including the event.
        let model = DenseTestModel()
        let expected = model.foldIn(model.trainedHistory(user: "alice") + [Interaction(item: "i30", weight: 4)])
        #expect(after.items == model.recommend(factors: expected, historyOf: nil, exclude: [], k: 10, filter: RecommendFilter()).items)
    }

    @Test func unknownUserIsLearnedFromTheFirstEvent() async throws {
        let fx = try DispatcherFixture()
        let ask = Request.recommend(RecommendParams(user: "newcomer", k: 5))
        #expect(try await fx.result(ask, as: RecommendResult.self).source == "popular_fallback")
        _ = try await fx.result(.feedback(FeedbackParams(user: "newcomer", item: "i7", event: "click")), as: FeedbackResult.self)
        let after = try await fx.result(ask, as: RecommendResult.self)
        #expect(after.source == "model")
        #expect(!after.items.map(\.item).contains("i7"))
    }

    @Test func errorCodesFromTheDispatcher() async throws {
        let fx = try DispatcherFixture()
        #expect(await fx.errorCode(.similarItems(SimilarItemsParams(item: "nope"))) == .unknownItem)
        #expect(await fx.errorCode(.recommendItems(RecommendItemsParams(items: ["i1", "zz"]))) == .unknownItem)
        #expect(await fx.errorCode(.feedback(FeedbackParams(user: "u", item: "zz", event: "click"))) == .unknownItem)
        #expect(await fx.errorCode(.feedback(FeedbackParams(user: "u", item: "i1", event: "wink"))) == .badRequest)
        #expect(await fx.errorCode(.churnScore(ChurnScoreParams(customer: ["x": .number(1)]))) == .badRequest)
        #expect(await fx.errorCode(.reload(ReloadParams(path: "corrupt-model"))) == .badRequest)
        let empty = try DispatcherFixture(model: false, churn: false)
        #expect(await empty.errorCode(.recommend(RecommendParams(user: "alice"))) == .notLoaded)
        #expect(await empty.errorCode(.churnScore(ChurnScoreParams(customer: [:]))) == .notLoaded)
        let full = try DispatcherFixture(log: FailingEventLog())
        #expect(await full.errorCode(.feedback(FeedbackParams(user: "u", item: "i1", event: "click"))) == .internal)
        // A failed append is not acknowledged and does not change the user.
        #expect(try await full.result(.recommend(RecommendParams(user: "u")), as: RecommendResult.self).source == "popular_fallback")
        fx.dispatcher.isDraining = true
        #expect(await fx.errorCode(.recommend(RecommendParams(user: "alice"))) == .overloaded)
        #expect(try await fx.result(.health, as: HealthResult.self).status == "draining")
    }

    @Test func feedbackBatchIsAllOrNothing() async throws {
        let fx = try DispatcherFixture()
        let good = FeedbackParams(user: "bob", item: "i5", event: "click")
        let bad = FeedbackParams(user: "bob", item: "missing", event: "click")
        #expect(await fx.errorCode(.feedbackBatch(FeedbackBatchParams(events: [good, bad]))) == .unknownItem)
        #expect(try fx.log.events(of: "bob").isEmpty)
        let ok = try await fx.result(.feedbackBatch(FeedbackBatchParams(events: [good, good])), as: FeedbackBatchResult.self)
        #expect(ok == FeedbackBatchResult(firstSeq: 1, count: 2))
    }

    @Test func forgetAndExport() async throws {
        let fx = try DispatcherFixture()
        _ = try await fx.result(.feedback(FeedbackParams(user: "alice", item: "i9", event: "purchase", timestamp: 42)), as: FeedbackResult.self)
        let export = try await fx.result(.exportUser(UserParams(user: "alice")), as: ExportResult.self)
        #expect(export.events == [ExportedEvent(seq: 1, item: "i9", event: "purchase", weight: 8, timestamp: 42)])
        #expect(export.history.map(\.item) == ["i1", "i2"])
        #expect(export.factors?.count == 4)
        let forgot = try await fx.result(.forgetUser(UserParams(user: "alice")), as: ForgetResult.self)
        #expect(forgot == ForgetResult(user: "alice", eventsRemoved: 1, hadFactors: true))
        let gone = try await fx.result(.exportUser(UserParams(user: "alice")), as: ExportResult.self)
        #expect(gone == ExportResult(user: "alice", events: [], history: [], factors: nil))
        #expect(try await fx.result(.recommend(RecommendParams(user: "alice")), as: RecommendResult.self).source == "popular_fallback")
    }

    @Test func reloadSwapsAtomicallyAndRefusesCorruptFiles() async throws {
        let fx = try DispatcherFixture()
        _ = try await fx.result(.feedback(FeedbackParams(user: "carol", item: "i4", event: "cart_add")), as: FeedbackResult.self)
        let factorsBefore = try await fx.result(.exportUser(UserParams(user: "carol")), as: ExportResult.self).factors
        #expect(await fx.errorCode(.reload(ReloadParams(path: "corrupt.bin"))) == .badRequest)
        #expect(try await fx.result(.modelInfo, as: ModelInfoResult.self).modelVersion == "model-a")
        let r = try await fx.result(.reload(ReloadParams(path: "model-b")), as: ReloadResult.self)
        #expect(r == ReloadResult(modelVersion: "model-b", previousVersion: "model-a", catalogOverlap: 1))
        // Events after the new model's watermark (0) are replayed into the new snapshot.
        #expect(try await fx.result(.exportUser(UserParams(user: "carol")), as: ExportResult.self).factors == factorsBefore)
        let info = try await fx.result(.modelInfo, as: ModelInfoResult.self)
        #expect(info.eventsSinceTraining == 1 && info.items == 40)
    }

    @Test func churnScoresWithReasons() async throws {
        let fx = try DispatcherFixture()
        let r = try await fx.result(.churnScore(ChurnScoreParams(customer: ["days_since_last_order": .number(120)])), as: ChurnResult.self)
        #expect(r.tier == "high" && r.reasons.first?.value == "120")
        let batch = try await fx.result(.churnBatch(ChurnBatchParams(customers: [["days_since_last_order": .number(1)],
                                                                                   ["days_since_last_order": .string("60")]])),
                                        as: ChurnBatchResult.self)
        #expect(batch.results.map(\.tier) == ["low", "medium"])
    }

    @Test func statsCountRequestsAndErrors() async throws {
        let fx = try DispatcherFixture()
        fx.dispatcher.stats.countRequest(error: nil, micros: 100)
        fx.dispatcher.stats.countRequest(error: .badJSON, micros: 3000)
        let s = try await fx.result(.stats, as: StatsResult.self)
        #expect(s.requests == 2 && s.errors == ["bad_json": 1])
        #expect(s.latency.p50Ms > 0.09 && s.latency.p50Ms < 0.12)
    }
}
