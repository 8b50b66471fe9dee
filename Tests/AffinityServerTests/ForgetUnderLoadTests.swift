import AffinityClient
import AffinityData
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// `forget_user` under feedback load (issue 12, item 2): a forget rewrites the whole log, in the
/// background, while feedback keeps committing, so feedback latency p99 with forgets running stays
/// within 2× of its value without them. Through the built binary, on a log of ~4 MB (a compaction of
/// it takes far longer than a feedback round trip, so a forget that held the append path would show).
///
/// Robust on a loaded machine: alternating rounds with and without forgets, the median over rounds of
/// each round's p99, and a floor under the unloaded value (fsync times on a shared 2-core box).
@Suite(.serialized) struct ForgetUnderLoadTests {
    static let rounds = 7
    static let samplesPerRound = 300
    /// The unloaded p99 counts as at least this: on the shared 2-core machine under a load average of
    /// 15-25 one fsync of the log takes 10-60 ms by itself, and a compaction's swap costs the committer
    /// about one more. A forget that held the append path costs a whole compaction (hundreds of ms here).
    static let floorMs = 25.0
    /// Between one forget's reply and the next forget: a steady stream of compactions, not one only.
    static let forgetPauseMs = 300

    @Test func feedbackLatencyP99WithForgetsRunningStaysWithinTwiceUnloaded() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-forget-load")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("model.als"))
        let bulkUsers = try preload(dataDir: dir.path("data"))
        let server = try ServerProcess.start(["--model", dir.path("model.als"), "--data-dir", dir.path("data"), "--threads", "2"])
        defer { server.terminate() }
        let feedback = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let admin = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        var unloaded: [Double] = [], loaded: [Double] = [], forgets = 0
        var nextUser = bulkUsers.makeIterator()
        for round in 0..<Self.rounds {
            unloaded.append(p99(try await feedbackLatencies(feedback, round: round)))
            let users = (0..<40).compactMap { _ in nextUser.next() }
            let forgetting = Task {
                var done = 0
                for user in users where !Task.isCancelled {
                    let r = try await admin.call(.forgetUser, UserParams(user: user), as: ForgetResult.self)
                    #expect(r.known && r.eventsRemoved > 0)
                    done += 1
                    try? await Task.sleep(for: .milliseconds(Self.forgetPauseMs))
                }
                return done
            }
            loaded.append(p99(try await feedbackLatencies(feedback, round: round)))
            forgetting.cancel()
            forgets += try await forgetting.value
        }
        await feedback.close()
        await admin.close()
        let quiet = median(unloaded), busy = median(loaded)
        print("feedback p99 over \(Self.rounds) rounds: unloaded \(unloaded.map(ms)) ms (median \(ms(quiet))), with forgets \(loaded.map(ms)) ms (median \(ms(busy))); \(forgets) forgets")
        #expect(forgets >= Self.rounds, "each loaded round should run at least one forget (a full compaction)")
        #expect(busy <= 2 * max(quiet, Self.floorMs / 1000),
                "feedback p99 with forgets running \(ms(busy)) ms > 2 × max(unloaded \(ms(quiet)) ms, floor \(Self.floorMs) ms)")
    }

    /// Writes ~4 MB of events of 400 padded users (not in the model) straight into the data dir's log.
    private func preload(dataDir: String) throws -> [String] {
        let pad = String(repeating: "x", count: 200)
        let users = (0..<400).map { "bulk-\($0)-\(pad)" }
        let log = try FileEventLog.open(directory: dataDir)
        defer { log.close() }
        let done = DispatchSemaphore(value: 0)
        for batch in 0..<32 {
            let events = (0..<500).map { i in
                NewEvent(user: users[(batch * 500 + i) % users.count], item: "i\(i % 30)", event: "click", weight: 1, timestamp: 1_700_000_000)
            }
            log.append(events) { result in
                if case .failure(let error) = result { Issue.record("preload failed: \(error)") }
                done.signal()
            }
            done.wait()
        }
        return users
    }

    /// Round-trip times (seconds) of sequential single-event feedback calls.
    private func feedbackLatencies(_ conn: AffinityConnection, round: Int) async throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(Self.samplesPerRound)
        for i in 0..<Self.samplesPerRound {
            let params = FeedbackParams(user: "u\((round * 7 + i) % 60)", item: "i\(i % 30)", event: "click")
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try await conn.call(.feedback, params, as: FeedbackResult.self)
            out.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return out
    }

    private func p99(_ xs: [Double]) -> Double { xs.sorted()[Int((Double(xs.count - 1) * 0.99).rounded())] }
    private func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    private func ms(_ s: Double) -> Double { (s * 10_000).rounded() / 10 }
}
