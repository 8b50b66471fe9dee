import AffinityData
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Foundation
import Logging
import Testing

/// `affinity train als --events DATA_DIR`: retraining reads the server's log directly (tombstones
/// honoured, stored weights), records the log's last sequence number, and a server started on that
/// model replays only the events logged after it.
@Suite struct TrainFromEventsTests {
    @Test func trainOnLogSetsWatermarkAndRestartReplaysOnlyNewerEvents() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-train-events")
        defer { dir.remove() }
        // A training file with users a…e; "gone" is forgotten through the log and must leave the model.
        var csv = "user,item,weight\n"
        for (u, user) in ["a", "b", "c", "d", "e", "gone"].enumerated() {
            for j in 0..<4 { csv += "\(user),p\((u * 3 + j * 5) % 12),\(1 + j % 3)\n" }
        }
        try csv.write(toFile: dir.path("train.csv"), atomically: true, encoding: .utf8)
        let data = dir.path("data")
        let log = try FileEventLog.open(directory: data)
        _ = try await log.append([NewEvent(user: "a", item: "p1", event: "click", weight: 2, timestamp: 1_764_000_000),
                                  NewEvent(user: "newcomer", item: "p2", event: "cart_add", weight: 4, timestamp: 1_764_000_001),
                                  NewEvent(user: "gone", item: "p3", event: "click", weight: 2, timestamp: 1_764_000_002)])
        _ = try await log.forget(user: "gone")
        let lastBeforeTraining = try log.events(after: 0).last?.seq ?? 0
        log.close()

        let run = try CLIRunner().run(["train", "als", "--input", dir.path("train.csv"), "--events", data, "--factors", "4",
                                       "--iterations", "3", "--seed", "1", "--threads", "1", "--output", dir.path("m.affinity")])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let model = try ALSModel.load(path: dir.path("m.affinity"))
        let watermark = try #require(model.header.trainingEventSequence)
        #expect(watermark > lastBeforeTraining, "the tombstone's sequence number counts too")
        #expect(model.users.index(of: "newcomer") != nil && model.users.index(of: "gone") == nil)
        // 5 users × 4 distinct items from the file, plus a·p1 and newcomer·p2 from the log.
        #expect(model.header.nnz == 22)
        let a = try #require(model.users.index(of: "a"))
        #expect(model.userHistory(a).items.contains(try #require(model.items.index(of: "p1"))))

        // Restart: two events after training; only those are replayed.
        let reopened = try FileEventLog.open(directory: data)
        defer { reopened.close() }
        _ = try await reopened.append([NewEvent(user: "b", item: "p4", event: "click", weight: 2, timestamp: 1_764_000_010),
                                       NewEvent(user: "newcomer", item: "p5", event: "click", weight: 2, timestamp: 1_764_000_011)])
        let loaded = try Dispatcher.loadSnapshot(loader: ProductionModelLoader(), modelPath: dir.path("m.affinity"), churnPath: nil,
                                                 log: reopened, logger: Logger(label: "test"))
        #expect(loaded.replayed == 2)
        // Without --events the model has no watermark and the whole log would be replayed.
        let plain = try CLIRunner().run(["train", "als", "--input", dir.path("train.csv"), "--factors", "4", "--iterations", "3",
                                         "--seed", "1", "--threads", "1", "--output", dir.path("plain.affinity")])
        #expect(plain.exitCode == 0, "\(plain.stderr)")
        let replayAll = try Dispatcher.loadSnapshot(loader: ProductionModelLoader(), modelPath: dir.path("plain.affinity"),
                                                    churnPath: nil, log: reopened, logger: Logger(label: "test"))
        #expect(replayAll.replayed == 4)
    }
}
