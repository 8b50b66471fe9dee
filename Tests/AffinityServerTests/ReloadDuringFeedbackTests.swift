import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityServer
import AffinityTestSupport
import Foundation
import Logging
import Testing

/// A reload builds a new user store from the log while feedback keeps arriving; the catch-up and swap
/// must neither lose nor double-count an event. Checked against a clean replay of the same log:
/// the same event count, the same online items and bit-identical factors for every user.
@Suite struct ReloadDuringFeedbackTests {
    @Test func reloadsRacingFeedbackLoseAndDuplicateNothing() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-reload-race")
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.path("data"), policy: .batch, batchWindowMicroseconds: 200)
        defer { log.close() }
        let loaded = try Dispatcher.loadSnapshot(loader: TestModelLoader(), modelPath: "model-a", churnPath: nil, log: log,
                                                 logger: Logger(label: "test"))
        let dispatcher = Dispatcher(registry: ModelRegistry(loaded.snapshot), log: log, loader: TestModelLoader(),
                                    logger: Logger(label: "test"), offload: { DispatchQueue.global().async(execute: $0) })
        let users = ["alice", "bob", "u1", "u2", "u3", "u4"]
        let acked = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<4 {
                group.addTask {
                    var rng = Xoshiro256(seed: UInt64(100 + client))
                    var n = 0
                    for _ in 0..<150 {
                        let p = FeedbackParams(user: users[Int.random(in: 0..<users.count, using: &rng)],
                                               item: "i\(Int.random(in: 0..<40, using: &rng))", event: "click")
                        _ = try await run(dispatcher, .feedback(p)).get()
                        n += 1
                    }
                    return n
                }
            }
            group.addTask {
                for i in 0..<40 { _ = try await run(dispatcher, .reload(ReloadParams(path: i % 2 == 0 ? "model-b" : "model-a"))).get() }
                return 0
            }
            return try await group.reduce(0, +)
        }
        #expect(acked == 600)
        let live = dispatcher.registry.snapshot.users
        let clean = UserFactorStore(model: live.model)
        #expect(try clean.replay(from: log) == 600)
        #expect(live.onlineEventCount == 600)
        #expect(live.appliedSeq == 600)
        for user in users {
            #expect(live.onlineItems(user) == clean.onlineItems(user), "\(user)")
            #expect(live.factors(user) == clean.factors(user), "\(user)")
        }
    }

    private func run(_ dispatcher: Dispatcher, _ request: Request) async -> Result<any Encodable & Sendable, ProtocolError> {
        await withCheckedContinuation { c in dispatcher.handle(request) { c.resume(returning: $0) } }
    }
}
