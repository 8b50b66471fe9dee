import AffinityClient
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// End to end through the built binary: acknowledged feedback survives `kill -9`, and a forgotten
/// user stays forgotten after restarts.
@Suite(.serialized) struct CrashRestartTests {
    private func setUp() throws -> (TemporaryDirectory, [String]) {
        let dir = try TemporaryDirectory(prefix: "affinity-crash")
        try ModelFile.write(to: dir.path("model.als"))
        return (dir, ["--model", dir.path("model.als"), "--data-dir", dir.path("data"), "--fsync", "always", "--threads", "1"])
    }

    @Test func everyAcknowledgedEventSurvivesKillDashNine() async throws {
        let (dir, args) = try setUp()
        defer { dir.remove() }
        let server = try ServerProcess.start(args)
        defer { if server.process.isRunning { server.kill() } }
        // Four connections send feedback concurrently; the server is killed while more are in flight.
        let acked = try await withThrowingTaskGroup(of: [(UInt64, String, String)].self) { group in
            for c in 0..<4 {
                group.addTask {
                    let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
                    var mine: [(UInt64, String, String)] = []
                    for i in 0..<40 {
                        let user = "u\((c * 40 + i) % 60)", item = "i\((c + i) % 30)"
                        let ack = try await conn.call(.feedback, FeedbackParams(user: user, item: item, event: "cart_add"), as: FeedbackResult.self)
                        mine.append((ack.seq, user, item))
                    }
                    // Fire more without waiting, then crash the server under them.
                    for i in 0..<20 {
                        Task { _ = try? await conn.call(.feedback, FeedbackParams(user: "late\(c)", item: "i\(i % 30)", event: "click"), as: FeedbackResult.self) }
                    }
                    return mine
                }
            }
            var all: [(UInt64, String, String)] = []
            for try await part in group { all += part }
            return all
        }
        server.kill()
        #expect(acked.count == 160)
        let restarted = try ServerProcess.start(args)
        defer { restarted.terminate() }
        let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: restarted.port)
        var present: Set<UInt64> = []
        for user in Set(acked.map(\.1)) {
            let export = try await conn.call(.exportUser, UserParams(user: user), as: ExportResult.self)
            for e in export.events { present.insert(e.seq) }
            #expect(export.factors != nil)
        }
        let missing = acked.filter { !present.contains($0.0) }
        #expect(missing.isEmpty, "acknowledged but lost after kill -9: \(missing.prefix(5))")
        #expect(Set(acked.map(\.0)).count == acked.count)
        await conn.close()
    }

    @Test func oneCartAddChangesTheNextRecommendationOnTheRealModel() async throws {
        let (dir, args) = try setUp()
        defer { dir.remove() }
        let server = try ServerProcess.start(args)
        defer { server.terminate() }
        let reader = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let writer = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let ask = RecommendParams(user: "u12", k: 10)
        let before = try await reader.call(.recommend, ask, as: RecommendResult.self)
        #expect(before.source == "model")
        let target = before.items.last!.item
        _ = try await writer.call(.feedback, FeedbackParams(user: "u12", item: target, event: "cart_add"), as: FeedbackResult.self)
        let after = try await reader.call(.recommend, ask, as: RecommendResult.self)
        #expect(after.items != before.items)
        #expect(!after.items.map(\.item).contains(target))
        let newcomer = try await reader.call(.recommend, RecommendParams(user: "shopper-new"), as: RecommendResult.self)
        #expect(newcomer.source == "popular_fallback")
        _ = try await writer.call(.feedback, FeedbackParams(user: "shopper-new", item: "i4", event: "click"), as: FeedbackResult.self)
        #expect(try await reader.call(.recommend, RecommendParams(user: "shopper-new"), as: RecommendResult.self).source == "model")
        await reader.close()
        await writer.close()
    }

    @Test func categoryFiltersNeedACatalog() async throws {
        let (dir, args) = try setUp()
        defer { dir.remove() }
        let catalog = "item,category\n" + (0..<30).map { "i\($0),c\($0 % 3)" }.joined(separator: "\n") + "\n"
        try catalog.write(toFile: dir.path("items.csv"), atomically: true, encoding: .utf8)
        let plain = try ServerProcess.start(args)
        let a = try await AffinityConnection.connect(host: "127.0.0.1", port: plain.port)
        let refused = try await a.reply(.recommend, RecommendParams(user: "u3", categories: ["c1"]), as: RecommendResult.self)
        #expect(refused.error?.code == .badRequest && refused.error?.message.contains("categories") == true)
        await a.close()
        plain.terminate()
        let server = try ServerProcess.start(args + ["--catalog", dir.path("items.csv")])
        defer { server.terminate() }
        let c = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let only = try await c.call(.recommend, RecommendParams(user: "u3", k: 5, categories: ["c1"]), as: RecommendResult.self)
        #expect(only.items.count == 5 && only.items.allSatisfy { Int($0.item.dropFirst())! % 3 == 1 })
        let capped = try await c.call(.recommend, RecommendParams(user: "u3", k: 3, maxPerCategory: 1), as: RecommendResult.self)
        #expect(Set(capped.items.map { Int($0.item.dropFirst())! % 3 }).count == 3)
        await c.close()
    }

    @Test func sighupReloadsAndACorruptFileKeepsTheOldModel() async throws {
        let (dir, args) = try setUp()
        defer { dir.remove() }
        let server = try ServerProcess.start(args)
        defer { server.terminate() }
        let c = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        #expect(try await c.call(.modelInfo, NoParams?.none, as: ModelInfoResult.self).users == 60)
        // A corrupt file at the model path: reload is refused and the old model keeps serving.
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: dir.path("model.als")))
        let refused = try await c.reply(.reload, ReloadParams(), as: ReloadResult.self)
        #expect(refused.error?.code == .badRequest)
        #expect(try await c.call(.recommend, RecommendParams(user: "u1"), as: RecommendResult.self).source == "model")
        // A new model (80 users) and SIGHUP: wait (bounded) until model_info reports it.
        try ModelFile.write(to: dir.path("model.als"), users: 80)
        kill(server.process.processIdentifier, SIGHUP)
        let deadline = Date().addingTimeInterval(30)
        var users = 60
        while users != 80 && Date() < deadline {
            users = try await c.call(.modelInfo, NoParams?.none, as: ModelInfoResult.self).users
            if users != 80 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(users == 80)
        await c.close()
    }

    @Test func forgetUserSurvivesRestart() async throws {
        let (dir, args) = try setUp()
        defer { dir.remove() }
        var server = try ServerProcess.start(args)
        defer { if server.process.isRunning { server.kill() } }
        var conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        _ = try await conn.call(.feedback, FeedbackParams(user: "u7", item: "i3", event: "purchase"), as: FeedbackResult.self)
        let before = try await conn.call(.exportUser, UserParams(user: "u7"), as: ExportResult.self)
        #expect(before.events.count == 1 && !before.history.isEmpty && before.factors != nil)
        let forgot = try await conn.call(.forgetUser, UserParams(user: "u7"), as: ForgetResult.self)
        #expect(forgot.eventsRemoved == 1 && forgot.hadFactors)
        await conn.close()
        #expect(server.terminate() == 0)
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: dir.path("data/events.log")))
        #expect(onDisk.range(of: Data("i3".utf8)) == nil, "the forgotten user's event is still in the log file")
        for crash in [false, true] {
            server = try ServerProcess.start(args)
            conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
            let after = try await conn.call(.exportUser, UserParams(user: "u7"), as: ExportResult.self)
            #expect(after == ExportResult(user: "u7", events: [], history: [], factors: nil))
            let rec = try await conn.call(.recommend, RecommendParams(user: "u7"), as: RecommendResult.self)
            #expect(rec.source == "popular_fallback")
            await conn.close()
            if crash { server.kill() } else { server.terminate() }
        }
    }
}
