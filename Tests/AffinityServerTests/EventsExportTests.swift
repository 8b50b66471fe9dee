import AffinityData
import AffinityTestSupport
import Foundation
import Testing

@Suite struct EventsExportTests {
    @Test func exportWritesLiveEventsAndHonoursTombstones() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-export")
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.path("data"))
        _ = try await log.append([NewEvent(user: "a", item: "p1", event: "click", weight: 2, timestamp: 1_764_000_000),
                                  NewEvent(user: "b", item: "p2", event: "cart_add", weight: 4, timestamp: 1_764_000_001)])
        _ = try await log.forget(user: "b")
        _ = try await log.append([NewEvent(user: "a", item: "p3", event: "purchase", weight: 8, timestamp: 1_764_000_002)])
        log.close()
        let result = try CLIRunner().run(["events", "export", "--data-dir", dir.path("data"), "--output", dir.path("events.csv"),
                                          "--forgotten-output", dir.path("forgotten.txt")])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: dir.path("events.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "user,item,event,weight,timestamp,seq")
        #expect(lines.dropFirst().map { $0.split(separator: ",")[1] } == ["p1", "p3"])
        #expect(lines.last?.hasSuffix(",4") == true)
        #expect(try String(contentsOfFile: dir.path("forgotten.txt"), encoding: .utf8) == "b\n")
        let missing = try CLIRunner().run(["events", "export", "--data-dir", dir.path("nope"), "--output", dir.path("x.csv")])
        #expect(missing.exitCode != 0 && missing.stderr.contains("events.log"))
    }
}
