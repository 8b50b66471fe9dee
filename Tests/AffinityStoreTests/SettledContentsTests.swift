import AffinityData
import AffinityNumerics
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// `PostgresEventLog.settledContents()`: the read behind `train als --events postgres://…` and
/// `events export`, whose watermark must never pass an event still in flight.
@Suite struct SettledContentsTests {
    @Test func aLowerSeqStillInFlightIsWaitedForNotSkipped() async throws {
        try await withInitializedLog { cluster, log in
            // Another writer (psql, fed line by line) draws seq 1 and holds its transaction open; then seq 2 commits.
            let slow = Process(), input = Pipe()
            slow.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            slow.arguments = [cluster.url, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
            slow.standardInput = input
            slow.standardOutput = FileHandle.nullDevice
            try slow.run()
            input.fileHandleForWriting.write(Data("""
                BEGIN;
                INSERT INTO affinity_events VALUES (nextval('affinity_seq'), 'slow', 'i1', 'click', 1, now());

                """.utf8))
            while try psql(cluster, "SELECT is_called FROM affinity_seq") != "t" { usleep(10_000) }
            _ = try psql(cluster, "INSERT INTO affinity_events VALUES (nextval('affinity_seq'), 'fast', 'i2', 'click', 1, now())")
            #expect(try psql(cluster, "SELECT string_agg(seq::text, ',') FROM affinity_events") == "2", "seq 1 not committed yet")

            // The read starts; seq 1 commits only once the read is seen waiting for it (or has finished).
            let read = Pending<StoreContents>()
            DispatchQueue.global().async { read.finish(Result<StoreContents, any Error> { try log.settledContents() }) }
            let deadline = Date(timeIntervalSinceNow: 30)
            while !read.isFinished, Date() < deadline,
                  try psql(cluster, "SELECT count(*) FROM pg_locks WHERE mode = 'ShareLock' AND NOT granted") == "0" {
                usleep(10_000)
            }
            input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
            try input.fileHandleForWriting.close()
            slow.waitUntilExit()
            #expect(slow.terminationStatus == 0)
            let contents = try read.wait()
            #expect(contents.events.map(\.seq) == [1, 2], "seq 1 was waited for, not skipped")
            #expect(contents.events.map(\.user) == ["slow", "fast"])
            #expect(contents.watermark == 2)
        }
    }

    @Test func tombstonesHideEventsAndCountInTheWatermark() async throws {
        try await withInitializedLog { _, log in
            var rng = SplitMix64(seed: 5)
            let acked = try await log.append((0..<25).map { storeEvent($0, rng: &rng) })
            _ = try await log.forget(user: "u2")
            let after = try await log.append([NewEvent(user: "u2", item: "back", event: "click", weight: 1, timestamp: 1_700_000_100)])
            let contents = try log.settledContents()
            #expect(contents.events == acked.filter { $0.user != "u2" } + after)
            let tombstone = try #require(contents.forgotten["u2"])
            #expect(tombstone > acked.last!.seq && tombstone < after[0].seq)
            #expect(contents.watermark == after[0].seq)
            // The writes go on while and after it reads (the settling lock is released).
            let later = try await log.append([storeEvent(99, rng: &rng)])
            #expect(later[0].seq > contents.watermark)
            #expect(try PostgresEventLog.settledContents(of: log.store).watermark == later[0].seq)
        }
    }
}

/// A result produced on another thread.
final class Pending<T: Sendable>: @unchecked Sendable {
    // Safe: `result` is touched only under `done`.
    private let done = NSCondition()
    private var result: Result<T, any Error>?

    func finish(_ value: Result<T, any Error>) {
        done.withLock {
            result = value
            done.broadcast()
        }
    }

    var isFinished: Bool { done.withLock { result != nil } }

    func wait() throws -> T {
        done.lock()
        defer { done.unlock() }
        while result == nil { done.wait() }
        return try result!.get()
    }
}
