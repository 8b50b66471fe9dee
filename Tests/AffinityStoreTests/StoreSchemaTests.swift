import AffinityData
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// Against a real throwaway PostgreSQL cluster (scripts/postgres.sh).
@Suite struct StoreSchemaTests {
    @Test func initIsIdempotentAndAnOpenLogNeedsIt() async throws {
        try await PostgresCluster.with { cluster in
            let url = try StoreURL(cluster.url)
            do {
                PostgresEventLog.closing(try PostgresEventLog(url))
                Issue.record("opened a store without a schema")
            } catch {
                #expect("\(error)".contains("affinity store init --events \(url)"), "\(error)")
            }
            #expect(try StoreSchema.initialize(url) == StoreSchema.Report(from: 0, to: StoreSchema.version))
            #expect(try StoreSchema.initialize(url) == StoreSchema.Report(from: StoreSchema.version, to: StoreSchema.version))
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_schema") == "\(StoreSchema.version)")
            let indexes = try psql(cluster, "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'affinity_%' ORDER BY 1")
            #expect(indexes.split(separator: "\n").contains("affinity_events_user"))
            PostgresEventLog.closing(try PostgresEventLog(url))
        }
    }

    @Test func aNewerSchemaIsRefusedByInitAndByOpen() async throws {
        try await PostgresCluster.with { cluster in
            let url = try StoreURL(cluster.url)
            _ = try StoreSchema.initialize(url)
            _ = try psql(cluster, "INSERT INTO affinity_schema (version) VALUES (\(StoreSchema.version + 1))")
            for attempt in [{ _ = try StoreSchema.initialize(url) }, { PostgresEventLog.closing(try PostgresEventLog(url)) }] {
                do {
                    try attempt()
                    Issue.record("a schema at version \(StoreSchema.version + 1) was accepted")
                } catch {
                    #expect("\(error)".contains("newer than this binary knows (\(StoreSchema.version))"), "\(error)")
                }
            }
            // Refused without touching it.
            #expect(try psql(cluster, "SELECT max(version) FROM affinity_schema") == "\(StoreSchema.version + 1)")
        }
    }

    @Test func theCLIInitsTwiceAndNeverPrintsThePassword() async throws {
        try await PostgresCluster.with { cluster in
            let cli = CLIRunner()
            let first = try cli.run(["store", "init", "--events", cluster.url])
            #expect(first.exitCode == 0, "\(first.stderr)")
            #expect(first.stdout.contains("upgraded from version 0 to \(StoreSchema.version)"))
            let again = try cli.run(["store", "init", "--events", cluster.url])
            #expect(again.stdout.contains("nothing to do"))
            // The password from PGPASSWORD works the same; a wrong one is refused without being echoed.
            let noPassword = cluster.url.replacingOccurrences(of: ":\(cluster.password)@", with: "@")
            let fromEnv = try cli.run(["store", "init", "--events", noPassword], environment: ["PGPASSWORD": cluster.password])
            #expect(fromEnv.exitCode == 0, "\(fromEnv.stderr)")
            let wrong = try cli.run(["store", "init", "--events", noPassword], environment: ["PGPASSWORD": "wrong-pw-9137"])
            #expect(wrong.exitCode != 0)
            #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
            for run in [first, again, fromEnv, wrong] {
                #expect(!(run.stdout + run.stderr).contains(cluster.password))
                #expect(!(run.stdout + run.stderr).contains("wrong-pw-9137"))
            }
        }
    }
}

extension PostgresEventLog {
    /// Closes `log` (a test that only needed it to open).
    static func closing(_ log: PostgresEventLog) { log.close() }
}
