import AffinityData
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// `store init` on a version 1 store (before tailing): upgraded in place to version 2, rows kept.
@Suite struct StoreSchemaUpgradeTests {
    @Test func aVersion1StoreIsUpgradedInPlaceKeepingItsRows() async throws {
        try await PostgresCluster.with { cluster in
            let url = try StoreURL(cluster.url)
            _ = try StoreSchema.initialize(url)
            // Back to what version 1 created: the tables without version 2's triggers and functions.
            _ = try cluster.psql("""
                DROP TRIGGER affinity_events_xid ON affinity_events; DROP TRIGGER affinity_forgotten_xid ON affinity_forgotten; \
                DROP TRIGGER affinity_events_notify ON affinity_events; DROP TRIGGER affinity_forgotten_notify ON affinity_forgotten; \
                DROP FUNCTION affinity_take_xid(); DROP FUNCTION affinity_notify(); DELETE FROM affinity_schema WHERE version = 2; \
                INSERT INTO affinity_events VALUES (nextval('affinity_seq'), 'old', 'i1', 'click', 1, now())
                """)
            #expect(throws: DataError.self) { _ = try PostgresEventLog(url) }
            #expect(try StoreSchema.initialize(url) == StoreSchema.Report(from: 1, to: 2))
            #expect(try cluster.psql("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'affinity_%'") == "4")
            let log = try PostgresEventLog(url)
            defer { log.close() }
            #expect(try log.events(of: "old").count == 1)
            _ = try await log.append([NewEvent(user: "new", item: "i2", event: "click", weight: 1, timestamp: 2)])
            #expect(try log.poll(after: 0, limit: 10).records.count == 2)
        }
    }
}
