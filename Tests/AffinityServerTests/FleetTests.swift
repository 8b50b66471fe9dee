#if AFFINITY_STORE
import AffinityClient
import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityServer
import AffinityStore
import AffinityTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

/// Two replicas on one real (throwaway) PostgreSQL store (issue 13; docs/FLEET.md).
@Suite(.serialized) struct FleetTests {
    @Test func aCartAddOnOneReplicaChangesTheOthersNextRecommend() async throws {
        try await Fleet.with { _, a, b in
            let ca = try await a.connect(), cb = try await b.connect()
            let recommend = #"{"op":"recommend","user":"alice","k":5}"#
            let before = try await cb.exchange(recommend)
            let ack = try await Fleet.feedback(ca, user: "alice", item: "i17", event: "cart_add")
            let seq = try #require(ack.result?.seq)
            // A reflects it on its next recommend (read-your-writes), B once its tail applied it.
            let onA = try await ca.exchange(recommend)
            try await b.waitApplied(seq)
            let onB = try await cb.exchange(recommend)
            #expect(onB != before)
            #expect(onB == onA)
            #expect(b.users.factors("alice") == a.users.factors("alice"))
            let line = try await cb.exchange(#"{"op":"stats"}"#)
            let stats = try #require(try JSONDecoder().decode(WireReply<StatsResult>.self, from: Data(line.utf8)).result)
            #expect(stats.store?.replica == "b")
            #expect((stats.store?.appliedSeq ?? 0) >= seq)
            #expect(stats.store?.reachable == true)
            await ca.close()
            await cb.close()
        }
    }

    /// 2,000 events from 8 connections, round-robin over both replicas: both end with bit-identical
    /// factors for every touched user, equal to a clean replay of the store's rows into a fresh store.
    @Test func eightConnectionsRoundRobinLeaveBothReplicasBitIdentical() async throws {
        try await Fleet.with { cluster, a, b in
            let events = ["view", "click", "cart_add", "purchase"]
            let acks = try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for connection in 0..<8 {
                    let replica = connection % 2 == 0 ? a : b
                    group.addTask {
                        let c = try await replica.connect()
                        var rng = SplitMix64(seed: UInt64(connection) + 1)
                        var seqs: [UInt64] = []
                        for _ in 0..<250 {
                            let r = rng.next()
                            let ack = try await Fleet.feedback(c, user: "u\(r % 23)", item: "i\((r >> 8) % 40)",
                                                               event: events[Int((r >> 16) % 4)])
                            seqs.append(try #require(ack.result?.seq, "\(ack.error?.message ?? "")"))
                        }
                        await c.close()
                        return seqs
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(acks.count == 2000 && Set(acks).count == 2000)
            let top = try #require(acks.max())
            try await a.waitApplied(top)
            try await b.waitApplied(top)
            let stored = try Fleet.storedEvents(cluster)
            #expect(Set(stored.map(\.seq)) == Set(acks))
            let clean = UserFactorStore(model: DenseTestModel(), sharedLog: true)
            let log = try PostgresEventLog(try StoreURL(cluster.url))
            defer { log.close() }
            #expect(try clean.replay(from: log) == 2000)
            for user in Set(stored.map(\.user)) {
                let fa = try #require(a.users.factors(user)), fb = try #require(b.users.factors(user))
                #expect(fa == fb, "\(user): replicas differ")
                #expect(fa == clean.factors(user), "\(user): differs from a clean replay of the store")
                #expect(a.users.stateSize(user)?.weights == clean.stateSize(user)?.weights)
            }
            #expect(a.users.onlineEventCount == 2000 && b.users.onlineEventCount == 2000, "every event applied exactly once")
        }
    }

    /// A writer holds a lower sequence number uncommitted while a replica commits a higher one: the
    /// replicas apply the higher at once, keep their watermark below the lower, and apply the lower
    /// exactly once when it commits.
    @Test func aLowerSeqCommittingAfterAHigherOneIsNeitherSkippedNorAppliedTwice() async throws {
        try await Fleet.with { cluster, a, b in
            let held = try cluster.session()
            defer { held.close() }
            let low = try #require(UInt64(try held.run("""
                BEGIN; INSERT INTO affinity_events (seq, user_id, item_id, event, weight, ts) \
                VALUES (nextval('affinity_seq'), 'dave', 'i7', 'cart_add', 4, now()) RETURNING seq;
                """)))
            let ca = try await a.connect()
            let high = try #require(try await Fleet.feedback(ca, user: "erin", item: "i9", event: "click").result?.seq)
            #expect(high > low)
            try await Fleet.waitUntil("b applies erin's event", seconds: 120) { b.users.factors("erin") != nil }
            #expect(b.users.appliedSeq < low && a.users.appliedSeq < low, "the watermark waits for the open transaction")
            #expect(b.users.stateSize("dave") == nil)
            #expect(try held.run("COMMIT; SELECT 1;") == "1")
            try await a.waitApplied(high)
            try await b.waitApplied(high)
            for replica in [a, b] {
                #expect(replica.users.stateSize("dave")?.onlineItems == 1)
                #expect(replica.users.onlineEventCount == 2, "dave's and erin's events, each once")
            }
            #expect(a.users.factors("dave") == b.users.factors("dave"))
            await ca.close()
        }
    }

    /// The store stops while 4 connections send feedback: replies become `unavailable`, recommends keep
    /// working from memory, every acknowledged event is in the store exactly once, and feedback and the
    /// tail recover when the store is back.
    @Test func aStoreStoppedUnderLoadGivesUnavailableAndNoAckWithoutCommit() async throws {
        try await Fleet.with { cluster, a, b in
            let outcomes = NIOLockedValueBox<[(seq: UInt64?, code: String?, user: String, item: String)]>([])
            let resumed = NIOLockedValueBox(false)
            let load = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for connection in 0..<4 {
                        group.addTask {
                            let c = try await (connection % 2 == 0 ? a : b).connect()
                            var n = 0
                            // Until the store has been down and is back, and a few more after.
                            while n < 400 {
                                let user = "w\(connection)-\(n)", item = "i\(n % 40)"
                                let reply = try await Fleet.feedback(c, user: user, item: item, event: "click")
                                outcomes.withLockedValue { $0.append((reply.result?.seq, reply.error?.code.rawValue, user, item)) }
                                n += resumed.withLockedValue { $0 } || n < 50 ? 1 : 0
                                try await Task.sleep(for: .milliseconds(2))
                            }
                            await c.close()
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await Fleet.waitUntil("50 acks before the stop", seconds: 120) { outcomes.withLockedValue { $0.filter { $0.seq != nil }.count } >= 50 }
            try cluster.halt()
            try await Fleet.waitUntil("an unavailable reply", seconds: 120) { outcomes.withLockedValue { $0.contains { $0.code == "unavailable" } } }
            let c = try await a.connect()
            let recommend = try await c.exchange(#"{"op":"recommend","user":"alice","k":3}"#)
            #expect(!ClientRequest.isError(recommend), "recommend serves from memory while the store is down: \(recommend)")
            try await Fleet.waitUntil("stats shows the store unreachable", seconds: 120) { a.server.dispatcher.stats.result().store?.reachable == false }
            try cluster.resume()
            resumed.withLockedValue { $0 = true }
            try await load.value
            let all = outcomes.withLockedValue { $0 }
            #expect(all.allSatisfy { $0.seq != nil || $0.code == "unavailable" }, "only acks and unavailable")
            let acked = all.filter { $0.seq != nil }
            let stored = Dictionary(grouping: try Fleet.storedEvents(cluster), by: \.seq)
            for ack in acked {
                let rows = stored[ack.seq!] ?? []
                #expect(rows.count == 1 && rows.first?.user == ack.user && rows.first?.item == ack.item, "ack \(ack.seq!) of \(ack.user)")
            }
            let last = try #require(acked.compactMap(\.seq).max())
            try await a.waitApplied(last)
            try await b.waitApplied(last)
            #expect(b.server.dispatcher.stats.result().store?.reachable == true)
            for ack in acked { #expect(a.users.stateSize(ack.user) != nil && b.users.stateSize(ack.user) != nil) }
            await c.close()
        }
    }

    @Test func aForgetOnOneReplicaDropsTheUserOnTheOtherAndInTheStore() async throws {
        try await Fleet.with { cluster, a, b in
            let ca = try await a.connect()
            var last: UInt64 = 0
            for item in ["i1", "i4", "i8"] {
                last = try #require(try await Fleet.feedback(ca, user: "frank", item: item, event: "purchase").result?.seq)
            }
            try await b.waitApplied(last)
            #expect(b.users.factors("frank") != nil)
            let forgot = try await ca.call(.forgetUser, UserParams(user: "frank"), as: ForgetResult.self)
            #expect(forgot.eventsRemoved == 3)
            try await Fleet.waitUntil("b forgets frank", seconds: 120) { b.users.isForgotten("frank") }
            #expect(b.users.factors("frank") == nil && b.users.stateSize("frank") == nil)
            #expect(try cluster.psql("SELECT count(*) FROM affinity_events WHERE user_id = 'frank'") == "0")
            #expect(try cluster.psql("SELECT count(*) FROM affinity_forgotten WHERE user_id = 'frank'") == "1")
            let cb = try await b.connect()
            let export = try await cb.call(.exportUser, UserParams(user: "frank"), as: ExportResult.self)
            #expect(export.events.isEmpty && export.factors == nil)
            await ca.close()
            await cb.close()
        }
    }
}
#endif
