import AffinityData
import AffinityNumerics
import AffinityStore
import AffinityTestSupport
import Foundation

/// Runs SQL with psql against `cluster` (an independent view of the store for the tests).
func psql(_ cluster: PostgresCluster, _ sql: String) throws -> String { try cluster.psql(sql) }

/// A cluster with the schema created and a log open on it; both closed afterwards.
func withInitializedLog<T>(_ body: (PostgresCluster, PostgresEventLog) async throws -> T) async throws -> T {
    try await PostgresCluster.with { cluster in
        let url = try StoreURL(cluster.url)
        _ = try StoreSchema.initialize(url)
        let log = try PostgresEventLog(url)
        defer { log.close() }
        return try await body(cluster, log)
    }
}

/// Event `i` of a seeded stream: 7 users, 13 items, three kinds.
func storeEvent(_ i: Int, rng: inout SplitMix64) -> NewEvent {
    let r = rng.next()
    return NewEvent(user: "u\(r % 7)", item: "i\((r >> 8) % 13)", event: ["click", "view", "cart_add"][Int((r >> 16) % 3)],
                    weight: Float((r >> 24) % 8) * 0.25 + 0.5, timestamp: 1_700_000_000 + Int64(i))
}
