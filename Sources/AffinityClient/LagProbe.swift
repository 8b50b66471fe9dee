import Foundation
import NIOCore

/// Cross-replica visibility lag (issue 13): sends `feedback` to replica A at a fixed rate, records each
/// acknowledgement's `seq` and time, and meanwhile polls replica B's `stats` as fast as it answers for
/// `store.applied_seq`. An event's lag is the first poll at which B's applied_seq reached its `seq`, less
/// the time A's acknowledgement arrived (0 when B had it first). The resolution is one `stats` round trip
/// (`LagReport.pollMs`).
public enum LagProbe {
    public static func run(_ config: LagConfig) async throws -> LagReport {
        try config.validate()
        let sender = try await AffinityConnection.connect(host: config.host, port: config.port)
        let poller: AffinityConnection
        do {
            poller = try await AffinityConnection.connect(host: config.host, port: config.peerPort)
        } catch {
            await sender.close()
            throw error
        }
        defer { Task { await sender.close(); await poller.close() } }
        if let token = config.token {
            for c in [sender, poller] { _ = try await c.exchange(ClientRequest.authLine(token: token)) }
        }
        let acks = LagRecorder()
        let clock = ContinuousClock()
        let start = clock.now
        let total = Int(Double(config.rate) * config.durationSeconds)
        async let polls = poll(poller, until: acks, clock: clock, start: start, graceSeconds: config.graceSeconds)
        var rng = SplitMix(state: config.seed)
        await withTaskGroup(of: Void.self) { group in
            var sent = 0
            while sent < total {
                // Catch up to the schedule (rate per second since the start), then wait for the next millisecond.
                let due = min(total, Int(Self.seconds(clock.now - start) * Double(config.rate)) + 1)
                while sent < due {
                    let user = config.users[Int(rng.next() % UInt64(config.users.count))]
                    let item = config.items[Int(rng.next() % UInt64(config.items.count))]
                    let line = #"{"id":\#(sent),"op":"feedback","user":\#(LoadGenerator.quoted(user)),"item":\#(LoadGenerator.quoted(item)),"event":"click"}"#
                    group.addTask {
                        let reply = try? await sender.exchange(line)
                        acks.acknowledged(reply.flatMap(Self.ackedSeq), at: Self.seconds(clock.now - start))
                    }
                    sent += 1
                }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        acks.finishSending()
        return LagReport.from(acks: acks.acks, errors: acks.errors, observations: try await polls)
    }

    /// B's applied_seq over time, as fast as `stats` answers, until it covers every acknowledged event
    /// (after the sender finished) or `graceSeconds` passed after that.
    private static func poll(_ peer: AffinityConnection, until acks: LagRecorder, clock: ContinuousClock,
                             start: ContinuousClock.Instant, graceSeconds: Double) async throws -> [LagReport.Observation] {
        var out: [LagReport.Observation] = []
        var finishedAt: Double?
        while true {
            let reply = try await peer.exchange(#"{"id":0,"op":"stats"}"#)
            let now = Self.seconds(clock.now - start)
            guard let applied = appliedSeq(reply) else {
                throw ClientError.badReply("the peer's stats reply has no store.applied_seq (is it serving with --events postgres://…?): \(reply.prefix(200))")
            }
            out.append(.init(time: now, applied: applied))
            if let highest = acks.highestIfFinished() {
                finishedAt = finishedAt ?? now
                if applied >= highest || now - (finishedAt ?? now) > graceSeconds { return out }
            }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func ackedSeq(_ reply: String) -> UInt64? {
        (try? JSONDecoder().decode(Reply<Acked>.self, from: Data(reply.utf8)))?.result?.seq
    }

    static func appliedSeq(_ reply: String) -> UInt64? {
        (try? JSONDecoder().decode(Reply<Stats>.self, from: Data(reply.utf8)))?.result?.store?.appliedSeq
    }

    /// The parts of the replies the probe reads (every other key is ignored).
    private struct Reply<Result: Decodable>: Decodable { var result: Result? }
    private struct Acked: Decodable { var seq: UInt64 }
    private struct Stats: Decodable {
        struct Store: Decodable {
            var appliedSeq: UInt64
            enum CodingKeys: String, CodingKey { case appliedSeq = "applied_seq" }
        }
        var store: Store?
    }
}
