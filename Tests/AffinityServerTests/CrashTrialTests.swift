import AffinityClient
import AffinityProtocol
import AffinityRecommender
import AffinityTestSupport
import Foundation
import Testing

/// Crash durability through the built binary (issue 7, item 2). The quick run does 3 seeded trials;
/// `Benchmarks/crash_trials.sh` sets AFFINITY_CRASH_TRIALS (and AFFINITY_CRASH_SEED) for the long run.
@Suite(.serialized) struct CrashTrialTests {
    private func setUp(fsync: String = "batch") throws -> (TemporaryDirectory, CrashTrial) {
        let dir = try TemporaryDirectory(prefix: "affinity-trials")
        try ModelFile.write(to: dir.path("model.als"))
        let args = ["--model", dir.path("model.als"), "--data-dir", dir.path("data"), "--fsync", fsync, "--threads", "2"]
        return (dir, CrashTrial(arguments: args, model: try ALSModel.load(path: dir.path("model.als"))))
    }

    @Test func killDashNineAtSeededMomentsLosesAndDuplicatesNothing() async throws {
        let env = ProcessInfo.processInfo.environment
        let trials = env["AFFINITY_CRASH_TRIALS"].flatMap { Int($0) } ?? 3
        let seed = env["AFFINITY_CRASH_SEED"].flatMap { UInt64($0) } ?? 7
        let (dir, trial) = try setUp()
        defer { dir.remove() }
        var acked = 0, recovered = 0, extra = 0, failed = 0, stored = 0
        for t in 0..<trials {
            let outcome = try await trial.run(seed: seed &+ UInt64(t), storedBefore: stored)
            stored = outcome.stored
            acked += outcome.acknowledged
            recovered += outcome.recovered
            extra += outcome.unacknowledgedButDurable
            if !outcome.problems.isEmpty { failed += 1 }
            #expect(outcome.problems.isEmpty, "trial \(t) (seed \(seed &+ UInt64(t))): \(outcome.problems.prefix(5))")
            #expect(outcome.acknowledged > 0)
        }
        print("crash trials: \(trials) trials, \(failed) failed, \(acked) acknowledged, \(recovered) recovered exactly once, \(extra) durable but unacknowledged at the kill, \(stored) events in the log")
    }

    @Test func tornTailIsCutAndFlippedBitIsRefusedThenQuarantinedKeepingLaterEvents() async throws {
        let (dir, trial) = try setUp(fsync: "always")
        defer { dir.remove() }
        _ = try await trial.run(seed: 101, connections: 2, depth: 2)
        let logPath = dir.path("data/events.log")
        var image = try Data(contentsOf: URL(fileURLWithPath: logPath))
        let before = try await exportAll(trial)

        // A torn final record (a crash mid-write): cut on restart, nothing else lost.
        try (image + Data([0x40, 0, 0, 0, 0xAB, 0xCD])).write(to: URL(fileURLWithPath: logPath))
        #expect(try await exportAll(trial) == before)

        // One flipped bit in the middle: refused with a message naming the offset, nothing dropped.
        image = try Data(contentsOf: URL(fileURLWithPath: logPath))
        image[image.count / 2] ^= 0x10
        try image.write(to: URL(fileURLWithPath: logPath))
        #expect {
            try ServerProcess.start(trial.arguments)
        } throws: { error in
            let text = "\(error)"
            return text.contains("damaged in the middle") && text.contains("byte offset") && text.contains("--recover quarantine")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: logPath)) == image, "a refused log must be left untouched")

        // --recover quarantine: the damaged record moves aside, every later event is kept.
        let quarantined = CrashTrial(arguments: trial.arguments + ["--recover", "quarantine"], model: trial.model)
        let after = try await exportAll(quarantined)
        let lost = before.subtracting(after)
        #expect(after.isSubset(of: before))
        #expect(lost.count == 1, "one record held the flipped bit; lost \(lost.count)")
        if let damaged = lost.first {
            #expect(before.filter { $0 > damaged }.isSubset(of: after), "events after the damage were dropped")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("data"))
        #expect(files.contains { $0.hasPrefix("events.log.quarantine-") })
    }

    /// Every exported sequence number across the trial's users (server restarted, then stopped).
    private func exportAll(_ trial: CrashTrial) async throws -> Set<UInt64> {
        let server = try ServerProcess.start(trial.arguments)
        defer { server.terminate() }
        let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        var seqs: Set<UInt64> = []
        for user in CrashTrial.users {
            let export = try await conn.call(.exportUser, UserParams(user: user), as: ExportResult.self)
            seqs.formUnion(export.events.map(\.seq))
        }
        await conn.close()
        return seqs
    }
}
