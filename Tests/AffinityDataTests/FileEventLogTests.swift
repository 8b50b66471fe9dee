import AffinityData
import AffinityTestSupport
import Foundation
import Testing

@Suite struct FileEventLogTests {
    private func event(_ i: Int, user: String? = nil) -> NewEvent {
        NewEvent(user: user ?? "u\(i % 7)", item: "i\(i % 13)", event: i % 3 == 0 ? "cart_add" : "click",
                 weight: Float(i % 5) + 0.5, timestamp: 1_700_000_000 + Int64(i))
    }

    @Test(arguments: [FsyncPolicy.always, .batch])
    func appendsSurviveReopenInOrder(policy: FsyncPolicy) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path, policy: policy, batchWindowMicroseconds: 500)
        var acked: [LoggedEvent] = []
        for i in 0..<50 { acked += try await log.append([event(i)]) }
        acked += try await log.append((50..<60).map { event($0) })
        log.close()
        #expect(acked.map(\.seq) == Array(1...60))
        let reopened = try FileEventLog.open(directory: dir.url.path)
        defer { reopened.close() }
        #expect(try reopened.events(after: 0) == acked)
        #expect(try reopened.events(after: 55) == Array(acked.suffix(5)))
        #expect(try reopened.events(of: "u3") == acked.filter { $0.user == "u3" })
        #expect(reopened.lastSeq == 60)
        #expect(reopened.openReport == EventLogOpenReport(records: 60, tornBytesTruncated: 0))
    }

    @Test func concurrentAppendsShareFsyncsAndAllArrive() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path, policy: .batch, batchWindowMicroseconds: 2000)
        let seqs = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for t in 0..<8 {
                group.addTask { var s: [UInt64] = []; for i in 0..<25 { s += try await log.append([event(t * 100 + i)]).map(\.seq) }; return s }
            }
            var all: [UInt64] = []
            for try await s in group { all += s }
            return all
        }
        log.close()
        #expect(seqs.sorted() == Array(1...200))
        let reopened = try FileEventLog.open(directory: dir.url.path)
        #expect(try reopened.events(after: 0).count == 200)
        reopened.close()
    }

    @Test func tornTailIsTruncatedAndAppendsContinue() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path)
        var acked: [LoggedEvent] = []
        for i in 0..<10 { acked += try await log.append([event(i)]) }
        log.close()
        let path = dir.path(FileEventLog.fileName)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        // Cut the final record in half, as a crash during write() would.
        try full.prefix(full.count - 9).write(to: URL(fileURLWithPath: path))
        let reopened = try FileEventLog.open(directory: dir.url.path)
        #expect(try reopened.events(after: 0) == Array(acked.prefix(9)))
        #expect(reopened.openReport.tornBytesTruncated > 0)
        let next = try await reopened.append([event(99)])
        #expect(next.map(\.seq) == [10])
        reopened.close()
        let again = try FileEventLog.open(directory: dir.url.path)
        #expect(try again.events(after: 0).map(\.seq) == Array(1...10))
        again.close()
    }

    @Test func aBatchTornByACrashLeavesNoneOfItsEvents() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path)
        let single = try await log.append([event(0)])
        let batch = try await log.append((1..<9).map { event($0) })
        #expect(batch.map(\.seq) == Array(2...9))
        log.close()
        let path = dir.path(FileEventLog.fileName)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        try full.prefix(full.count - 20).write(to: URL(fileURLWithPath: path))
        let reopened = try FileEventLog.open(directory: dir.url.path)
        defer { reopened.close() }
        #expect(try reopened.events(after: 0) == single)
        #expect(try await reopened.append([event(50)]).map(\.seq) == [2])
    }

    @Test func damageInTheMiddleIsRefusedThenQuarantined() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path)
        var acked: [LoggedEvent] = []
        for i in 0..<20 { acked += try await log.append([event(i)]) }
        log.close()
        let path = dir.path(FileEventLog.fileName)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let middle = bytes.count / 2
        bytes[middle] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            try FileEventLog.open(directory: dir.url.path)
        } throws: { error in
            "\(error)".contains("damaged in the middle") && "\(error)".contains("byte offset")
        }
        let recovered = try FileEventLog.open(directory: dir.url.path, recovery: .quarantine)
        let kept = try recovered.events(after: 0)
        recovered.close()
        #expect(kept.count == 19)
        #expect(Set(kept.map(\.seq)).isSubset(of: Set(acked.map(\.seq))))
        #expect(kept.last?.seq == 20)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(files.contains { $0.hasPrefix("events.log.quarantine-") })
    }

    @Test func forgetRemovesEventsFromDiskAndSurvivesReopen() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path)
        _ = try await log.append((0..<30).map { event($0) })
        let before = try log.events(of: "u2").count
        let removed = try await log.forget(user: "u2")
        #expect(removed == before && before > 0)
        _ = try await log.append([event(1, user: "u2")])
        log.close()
        let raw = try Data(contentsOf: URL(fileURLWithPath: dir.path(FileEventLog.fileName)))
        let reopened = try FileEventLog.open(directory: dir.url.path)
        defer { reopened.close() }
        #expect(try reopened.events(of: "u2").count == 1)
        #expect(reopened.forgottenUsers()["u2"] != nil)
        #expect(try reopened.events(after: 0).filter { $0.user == "u2" }.count == 1)
        // Only the post-forget event's item string remains next to the user id on disk.
        let (events, forgotten) = try EventLogReader.read(path: dir.path(FileEventLog.fileName))
        #expect(events.filter { $0.user == "u2" }.count == 1 && forgotten.keys.contains("u2"))
        #expect(raw.count < 30 * 60)
    }

    @Test func memoryLogMatchesFileLog() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try FileEventLog.open(directory: dir.url.path)
        defer { file.close() }
        let memory = MemoryEventLog()
        for log in [file as any EventLog, memory] {
            _ = try await log.append((0..<12).map { event($0) })
            _ = try await log.forget(user: "u1")
            _ = try await log.append([event(3)])
        }
        #expect(try file.events(after: 0) == memory.events(after: 0))
        #expect(file.forgottenUsers() == memory.forgottenUsers())
        #expect(try file.events(of: "u3") == memory.events(of: "u3"))
    }

    /// Events are read back from the file (not kept in memory): after many appends spanning several read
    /// chunks, with appends still in flight and across a compaction, export and replay see exactly the
    /// acknowledged events, and the open log holds only counters and tombstones.
    @Test func eventsAreReadBackFromDiskAfterManyAppends() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path, policy: .batch, batchWindowMicroseconds: 200)
        defer { log.close() }
        var acked: [LoggedEvent] = []
        // Long user and item ids make the log span several 1 MiB read chunks.
        let pad = String(repeating: "x", count: 200)
        for start in stride(from: 0, to: 12_000, by: 400) {
            acked += try await log.append((start..<start + 400).map { i in
                NewEvent(user: "u\(i % 9)-\(pad)", item: "i\(i % 31)-\(pad)", event: "click", weight: Float(i % 4), timestamp: Int64(i))
            })
        }
        #expect(try log.events(after: 0) == acked)
        #expect(try log.events(after: 11_990) == Array(acked.suffix(10)))
        #expect(try log.events(of: "u4-\(pad)") == acked.filter { $0.user == "u4-\(pad)" })
        // A pass covers what had completed when it started, even while appends are in flight.
        async let more = log.append([NewEvent(user: "late", item: "i0", event: "click", weight: 1, timestamp: 0)])
        let scanned = try log.events(after: 0)
        #expect(scanned.count == 12_000 || scanned.count == 12_001)
        #expect(Array(scanned.prefix(12_000)) == acked)
        acked += try await more
        // After a compaction (forget), reads go to the rewritten file.
        let removed = try await log.forget(user: "u4-\(pad)")
        #expect(removed == acked.filter { $0.user == "u4-\(pad)" }.count)
        #expect(try log.events(after: 0) == acked.filter { $0.user != "u4-\(pad)" })
        #expect(try log.events(of: "late").map(\.seq) == [12_001])
    }

    @Test func notALogIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("hello world, not a log".utf8).write(to: URL(fileURLWithPath: dir.path(FileEventLog.fileName)))
        #expect(throws: DataError.self) { try FileEventLog.open(directory: dir.url.path) }
    }
}
