import AffinityClient
import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Foundation

/// One crash trial through the built binary: start `affinity serve` on port 0 with a data dir, drive
/// feedback at full speed from several pipelined connections, `kill -9` it once a seeded number of
/// acknowledgements has arrived (requests are still in flight then), restart, and check that
///
/// - every acknowledged event is present exactly once, with the acknowledged user, item and event;
/// - no sequence number appears twice across users;
/// - every user's recovered factors equal a clean fold-in of their full history (training
///   interactions, then online events in sequence order), computed here from the model file.
///
/// Trials accumulate in the same data dir, so later trials also recover the earlier ones' events.
struct CrashTrial {
    struct Ack: Sendable { let seq: UInt64, user: String, item: String, event: String }

    struct Outcome {
        var acknowledged = 0
        var recovered = 0
        var unacknowledgedButDurable = 0
        /// Events stored after the restart (all trials so far in this data dir).
        var stored = 0
        var problems: [String] = []
    }

    let arguments: [String]
    let model: ALSModel
    static let users = (0..<60).map { "u\($0)" } + (0..<20).map { "new\($0)" }
    static let items = (0..<30).map { "i\($0)" }
    static let events = ["view", "click", "cart_add", "purchase"]

    /// Runs one trial with `seed`; `connections` × `depth` requests are kept in flight. The connections
    /// are all open before the first request, so the kill never races a connect.
    /// `storedBefore` is the previous trial's `stored` (0 for a fresh data dir).
    func run(seed: UInt64, connections: Int = 4, depth: Int = 4, storedBefore: Int = 0) async throws -> Outcome {
        var rng = SplitMix64(seed: seed)
        let killAfter = 20 + Int(rng.next() % 400)
        let server = try ServerProcess.start(arguments)
        let acks = AckBox(killAfter: killAfter, server: server)
        var conns: [AffinityConnection] = []
        for _ in 0..<connections { conns.append(try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (c, conn) in conns.enumerated() {
                for lane in 0..<depth {
                    var local = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(c * depth + lane))
                    group.addTask {
                        while !acks.killed {
                            let user = Self.users[Int(local.next() % UInt64(Self.users.count))]
                            let item = Self.items[Int(local.next() % UInt64(Self.items.count))]
                            let event = Self.events[Int(local.next() % UInt64(Self.events.count))]
                            guard let ack = try? await conn.call(.feedback, FeedbackParams(user: user, item: item, event: event),
                                                                 as: FeedbackResult.self) else { break }
                            acks.add(Ack(seq: ack.seq, user: user, item: item, event: event))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        for conn in conns { await conn.close() }
        server.kill()
        return try await verify(acks.all, storedBefore: storedBefore)
    }

    /// Restarts the server on the same data dir and checks `acked` against `export_user` of every user.
    func verify(_ acked: [Ack], storedBefore: Int) async throws -> Outcome {
        var outcome = Outcome(acknowledged: acked.count)
        let server = try ServerProcess.start(arguments)
        defer { server.terminate() }
        let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        var exported: [UInt64: (user: String, event: ExportedEvent)] = [:]
        for user in Self.users {
            let export = try await conn.call(.exportUser, UserParams(user: user), as: ExportResult.self)
            for e in export.events {
                if exported[e.seq] != nil { outcome.problems.append("seq \(e.seq) exported twice") }
                exported[e.seq] = (user, e)
            }
            if let problem = checkFactors(export) { outcome.problems.append(problem) }
        }
        await conn.close()
        for a in acked {
            guard let found = exported[a.seq] else {
                outcome.problems.append("acknowledged seq \(a.seq) (\(a.user), \(a.item)) lost")
                continue
            }
            if found.user != a.user || found.event.item != a.item || found.event.event != a.event {
                outcome.problems.append("seq \(a.seq): acknowledged \(a.user)/\(a.item)/\(a.event), recovered \(found.user)/\(found.event.item)/\(found.event.event)")
            }
            outcome.recovered += 1
        }
        outcome.stored = exported.count
        outcome.unacknowledgedButDurable = exported.count - storedBefore - Set(acked.map(\.seq)).count
        return outcome
    }

    /// nil when the exported factors equal a clean fold-in of history + events (in seq order).
    func checkFactors(_ export: ExportResult) -> String? {
        if export.events.isEmpty {
            // No online events: the trained factors, untouched (training's last half-sweep is over items,
            // so a fold-in would differ from them slightly).
            let trained = model.users.index(of: export.user).map { Array(model.userFactors($0)) }
            return export.factors == trained ? nil : "\(export.user): factors changed without any online event"
        }
        let interactions = export.history.map { Interaction(item: $0.item, weight: Float($0.weight)) }
            + export.events.sorted { $0.seq < $1.seq }.map { Interaction(item: $0.item, weight: Float($0.weight)) }
        guard !interactions.isEmpty else {
            return export.factors == nil ? nil : "\(export.user): factors without any history"
        }
        let expected: [Float]
        do {
            expected = try model.referenceFoldIn(interactions)
        } catch {
            return "\(export.user): reference fold-in failed: \(error)"
        }
        guard let got = export.factors, got.count == expected.count else {
            return "\(export.user): recovered factors \(export.factors?.count ?? 0) values, expected \(expected.count)"
        }
        let scale = max(1, expected.map { abs($0) }.max() ?? 1)
        let diff = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
        return diff <= 1e-5 * scale ? nil : "\(export.user): recovered factors differ from a clean replay by \(diff)"
    }
}

/// Acknowledgements of one trial; kills the server once `killAfter` have arrived.
private final class AckBox: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var acks: [CrashTrial.Ack] = []
    private var isKilled = false
    private let killAfter: Int
    private let server: ServerProcess

    init(killAfter: Int, server: ServerProcess) {
        self.killAfter = killAfter
        self.server = server
    }

    var killed: Bool { lock.withLock { isKilled } }
    var all: [CrashTrial.Ack] { lock.withLock { acks } }

    func add(_ ack: CrashTrial.Ack) {
        let kill = lock.withLock {
            acks.append(ack)
            if acks.count >= killAfter && !isKilled {
                isKilled = true
                return true
            }
            return false
        }
        // SIGKILL while the other lanes still have requests in flight.
        if kill { Foundation.kill(server.process.processIdentifier, SIGKILL) }
    }
}

