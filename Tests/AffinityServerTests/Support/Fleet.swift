#if AFFINITY_STORE
import AffinityClient
import AffinityData
import AffinityProtocol
import AffinityServer
import AffinityStore
import AffinityTestSupport
import Foundation
import Logging
import NIOCore

/// A replica: a real server in this process on an ephemeral port, its event log the shared store.
struct Replica {
    let server: AffinityServer
    let port: Int

    static func start(_ store: String, name: String, model: String = "model-a") async throws -> Replica {
        var config = ServerConfig()
        config.port = 0
        config.threads = 1
        config.modelPath = model
        config.replicaName = name
        var logger = Logger(label: "fleet-test")
        logger.logLevel = .critical
        let log = try PostgresEventLog(try StoreURL(store))
        let server = try AffinityServer(config: config, loader: TestModelLoader(), logger: logger, eventLog: log)
        let address = try await server.start()
        return Replica(server: server, port: address.port ?? 0)
    }

    var users: UserFactorStore { server.dispatcher.registry.snapshot.users }

    func connect() async throws -> AffinityConnection {
        try await AffinityConnection.connect(host: "127.0.0.1", port: port)
    }

    func stop() async { await server.shutdown(timeout: .seconds(5)) }

    /// Waits until the replica has applied everything up to `seq` (its tail's watermark), for at most `seconds`.
    func waitApplied(_ seq: UInt64, seconds: Double = 120) async throws {
        try await Fleet.waitUntil("replica \(server.config.replicaName ?? "?") applies seq \(seq) (at \(users.appliedSeq))", seconds: seconds) {
            users.appliedSeq >= seq
        }
    }
}

enum Fleet {
    struct TimedOut: Error, CustomStringConvertible { let description: String }

    /// A fresh store with the schema and two replicas on it; everything stopped afterwards.
    static func with<T>(_ body: (PostgresCluster, Replica, Replica) async throws -> T) async throws -> T {
        try await PostgresCluster.with { cluster in
            _ = try StoreSchema.initialize(try StoreURL(cluster.url))
            let a = try await Replica.start(cluster.url, name: "a")
            let b: Replica
            do { b = try await Replica.start(cluster.url, name: "b") } catch {
                await a.stop()
                throw error
            }
            do {
                let result = try await body(cluster, a, b)
                await a.stop()
                await b.stop()
                return result
            } catch {
                await a.stop()
                await b.stop()
                throw error
            }
        }
    }

    /// Polls `condition` every few milliseconds; throws naming `what` when it is still false after `seconds`
    /// (a bound on a hang, not a timing assertion).
    static func waitUntil(_ what: @autoclosure () -> String, seconds: Double, _ condition: () throws -> Bool) async throws {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while try !condition() {
            guard Date() < deadline else { throw TimedOut(description: "timed out waiting until \(what())") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until the replica behind `c` reports `stats.store.applied_seq >= seq`, for at most `seconds`.
    static func waitApplied(_ c: AffinityConnection, _ seq: UInt64, seconds: Double = 120) async throws {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while true {
            let line = try await c.exchange(#"{"op":"stats"}"#)
            let applied = try JSONDecoder().decode(WireReply<StatsResult>.self, from: Data(line.utf8)).result?.store?.appliedSeq ?? 0
            if applied >= seq { return }
            guard Date() < deadline else { throw TimedOut(description: "timed out waiting for applied_seq \(seq) (at \(applied))") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// One feedback request; the reply (an ack with its seq, or an error).
    static func feedback(_ c: AffinityConnection, user: String, item: String, event: String) async throws -> WireReply<FeedbackResult> {
        try await c.reply(.feedback, FeedbackParams(user: user, item: item, event: event), as: FeedbackResult.self)
    }

    /// The store's events as (seq, user, item, event), by psql.
    static func storedEvents(_ cluster: PostgresCluster) throws -> [(seq: UInt64, user: String, item: String, event: String)] {
        try cluster.psql("SELECT seq, user_id, item_id, event FROM affinity_events ORDER BY seq").split(separator: "\n").map { line in
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return (UInt64(f[0]) ?? 0, f[1], f[2], f[3])
        }
    }
}
#endif
