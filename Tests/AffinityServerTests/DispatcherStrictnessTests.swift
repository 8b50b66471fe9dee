import AffinityData
import AffinityProtocol
@testable import AffinityServer
import Testing

/// Errors that name what failed: the event of a batch, an unknown category; a reload onto another
/// catalogue is refused without `force`; `model_info` names both watermarks.
@Suite struct DispatcherStrictnessTests {
    private func failure(_ fx: DispatcherFixture, _ request: Request) async -> ProtocolError? {
        if case .failure(let e) = await fx.run(request) { return e }
        return nil
    }

    @Test func feedbackBatchErrorsNameTheEvent() async throws {
        let fx = try DispatcherFixture()
        let good = FeedbackParams(user: "bob", item: "i5", event: "click")
        let batch = [good, good, good, FeedbackParams(user: "bob", item: "nope", event: "click"), good,
                     FeedbackParams(user: "bob", item: "gone", event: "view")]
        let unknown = try #require(await failure(fx, .feedbackBatch(FeedbackBatchParams(events: batch))))
        #expect(unknown == .unknownItem(["nope", "gone"], fields: ["events[3].item", "events[5].item"]))
        #expect(unknown.description.contains("'nope' (events[3].item)") && unknown.description.contains("'gone' (events[5].item)"))
        #expect(await failure(fx, .feedback(FeedbackParams(user: "b", item: "zz", event: "click"))) == .unknownItem(["zz"]))
        // A one-event batch is still a batch: the field is events[0].event, not event.
        let wink = try #require(await failure(fx, .feedbackBatch(FeedbackBatchParams(events: [FeedbackParams(user: "b", item: "i1", event: "wink")]))))
        #expect(wink.description.hasPrefix("field 'events[0].event'"), "\(wink)")
        let single = try #require(await failure(fx, .feedback(FeedbackParams(user: "b", item: "i1", event: "wink"))))
        #expect(single.description.hasPrefix("field 'event'"), "\(single)")
        #expect(try fx.log.events(of: "bob").isEmpty)
    }

    @Test func unknownCategoriesAreErrors() async throws {
        let fx = try DispatcherFixture()
        let known = try await fx.result(.recommend(RecommendParams(user: "alice", k: 5, categories: ["c1"])), as: RecommendResult.self)
        #expect(!known.items.isEmpty)
        for p in [RecommendParams(user: "alice", categories: ["c1", "shoes"]), RecommendParams(user: "alice", excludeCategories: ["shoes"])] {
            let e = try #require(await failure(fx, .recommend(p)))
            #expect(e.code == .badRequest)
            #expect(e.description.contains("\"shoes\""), "\(e)")
            #expect(e.description.contains(p.categories != nil ? "field 'categories'" : "field 'exclude_categories'"), "\(e)")
        }
        let batch = fx.dispatcher.recommendBatch([RecommendParams(user: "alice", categories: ["nope"]), RecommendParams(user: "alice")])
        #expect(batch.map { (try? $0.get()) == nil } == [true, false])
    }

    @Test func reloadOntoAnotherCatalogueNeedsForce() async throws {
        let fx = try DispatcherFixture()
        // 40 of the new model's 100 items are known to the current one: 40 % < 50 %.
        let refused = try #require(await failure(fx, .reload(ReloadParams(path: "model-items=100"))))
        #expect(refused.code == .badRequest)
        #expect(refused.description.contains("100 items of which 40.0% are known") && refused.description.contains("\"force\": true"), "\(refused)")
        #expect(try await fx.result(.modelInfo, as: ModelInfoResult.self).modelVersion == "model-a")
        let forced = try await fx.result(.reload(ReloadParams(path: "model-items=100", force: true)), as: ReloadResult.self)
        #expect(forced == ReloadResult(modelVersion: "model-items=100", previousVersion: "model-a", catalogOverlap: 0.4))
        // 100 → 60 items: every new item is known (overlap is measured on the new catalogue).
        let shrunk = try await fx.result(.reload(ReloadParams(path: "model-items=60")), as: ReloadResult.self)
        #expect(shrunk.catalogOverlap == 1)
        // 60 → 100: 60 % known, above the threshold.
        let grown = try await fx.result(.reload(ReloadParams(path: "model-items=100")), as: ReloadResult.self)
        #expect(grown.catalogOverlap == 0.6)
    }

    @Test func catalogOverlapAgainstASetReference() {
        for (old, new) in [(40, 100), (100, 40), (7, 7), (1, 3)] {
            let a = DenseTestModel(items: old), b = DenseTestModel(items: new)
            let reference = Double(Set(a.items).intersection(b.items).count) / Double(b.items.count)
            #expect(Dispatcher.catalogOverlap(old: a, new: b) == reference)
        }
    }

    @Test func modelInfoNamesBothWatermarks() async throws {
        let fx = try DispatcherFixture()
        _ = try await fx.result(.reload(ReloadParams(path: "model-b@7")), as: ReloadResult.self)
        let info = try await fx.result(.modelInfo, as: ModelInfoResult.self)
        #expect(info.eventWatermark == 7 && info.watermark == 7)
        #expect(info.trainedThrough == DenseTestModel().trainedThrough)
    }
}
