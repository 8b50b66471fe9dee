import AffinityTestSupport
import Foundation
import Testing

/// `affinity serve --events`: the flags' checks, and a store that cannot be reached at start.
@Suite struct ServeEventsFlagTests {
    @Test func dataDirWithEventsAndReplicaNameWithoutEventsAreRefusedNamingTheFlags() throws {
        let both = try CLIRunner().run(["serve", "--port", "0", "--data-dir", "/tmp/x", "--events", "postgres://u@127.0.0.1/db"])
        #expect(both.exitCode == 64)
        #expect(both.stderr.contains("--data-dir and --events both name where feedback is stored; give one"), "\(both.stderr)")
        let alone = try CLIRunner().run(["serve", "--port", "0", "--replica-name", "web-1"])
        #expect(alone.exitCode == 64)
        #expect(alone.stderr.contains("--replica-name names a replica of a shared store; it needs --events"), "\(alone.stderr)")
        let bad = try CLIRunner().run(["serve", "--port", "0", "--events", "mysql://u:hunter2@h/db"])
        #expect(bad.exitCode == 64)
        #expect(bad.stderr.contains("is not a PostgreSQL URL") && !bad.stderr.contains("hunter2"), "\(bad.stderr)")
    }

    @Test func anUnreachableStoreAtStartExitsWithOneLineWithoutThePassword() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-serve-events")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("shop.affinity"))
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let r = try CLIRunner().run(["serve", "--port", "0", "--model", dir.path("shop.affinity"),
                                     "--events", "postgres://affinity:s3cret-pw@127.0.0.1:1/affinity"])
        #expect(r.exitCode == 1)
        #expect(r.stderr.contains("affinity serve: postgres://affinity@127.0.0.1:1/affinity:"), "\(r.stderr)")
        #expect(!r.stderr.contains("s3cret-pw") && !r.stdout.contains("s3cret-pw"))
        #expect(r.stdout.isEmpty, "never listening")
    }
}
