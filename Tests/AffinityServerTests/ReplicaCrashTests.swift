#if AFFINITY_STORE
import AffinityClient
import AffinityProtocol
import AffinityStore
import AffinityTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

/// kill -9 of a replica process under load (issue 13): every acknowledged event is in the store exactly
/// once, and the restarted replica converges with the one that kept running (bit-identical factors).
@Suite(.serialized) struct ReplicaCrashTests {
    @Test func aReplicaKilledUnderLoadLosesNoAckAndConvergesWhenRestarted() async throws {
        try await PostgresCluster.with { cluster in
            _ = try StoreSchema.initialize(try StoreURL(cluster.url))
            let dir = try TemporaryDirectory(prefix: "affinity-replica-crash")
            defer { dir.remove() }
            try ModelFile.write(to: dir.path("shop.affinity"))
            let flags = { (name: String) in ["--model", dir.path("shop.affinity"), "--events", cluster.url, "--replica-name", name, "--threads", "1"] }
            let a = try ServerProcess.start(flags("a"))
            let b = try ServerProcess.start(flags("b"))
            defer { b.kill() }
            let acks = NIOLockedValueBox<[(seq: UInt64, user: String, item: String)]>([])
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for connection in 0..<4 {
                        group.addTask {
                            guard let c = try? await AffinityConnection.connect(host: "127.0.0.1", port: connection % 2 == 0 ? a.port : b.port) else { return }
                            for n in 0..<400 {
                                let user = n % 3 == 0 ? "u\(n % 7)" : "k\(connection)-\(n % 11)", item = "i\((n * 7 + connection) % 30)"
                                guard let reply = try? await Fleet.feedback(c, user: user, item: item, event: ["click", "cart_add"][n % 2]),
                                      let seq = reply.result?.seq else { break }  // the killed replica's connections end here
                                acks.withLockedValue { $0.append((seq, user, item)) }
                            }
                            await c.close()
                        }
                    }
                }
            }
            // A bound on a hang only (the machine may be loaded): the kill comes once 100 events are acknowledged.
            try await Fleet.waitUntil("100 acks before the kill (\(acks.withLockedValue { $0.count }) so far)", seconds: 300) {
                acks.withLockedValue { $0.count } >= 100
            }
            a.kill()
            await load.value
            let acked = acks.withLockedValue { $0 }
            let stored = Dictionary(grouping: try Fleet.storedEvents(cluster), by: \.seq)
            for ack in acked {
                let rows = stored[ack.seq] ?? []
                #expect(rows.count == 1 && rows.first?.user == ack.user && rows.first?.item == ack.item, "ack \(ack.seq)")
            }
            let top = try #require(stored.keys.max())
            let restarted = try ServerProcess.start(flags("a"))
            defer { restarted.kill() }
            let ca = try await AffinityConnection.connect(host: "127.0.0.1", port: restarted.port)
            let cb = try await AffinityConnection.connect(host: "127.0.0.1", port: b.port)
            try await Fleet.waitApplied(ca, top)
            try await Fleet.waitApplied(cb, top)
            for user in Set(stored.values.flatMap { $0 }.map(\.user)) {
                let fa = try await ca.call(.exportUser, UserParams(user: user), as: ExportResult.self).factors
                let fb = try await cb.call(.exportUser, UserParams(user: user), as: ExportResult.self).factors
                #expect(fa != nil && fa == fb, "\(user): the restarted replica differs")
            }
            await ca.close()
            await cb.close()
        }
    }
}
#endif
