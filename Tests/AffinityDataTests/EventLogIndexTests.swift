@testable import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

/// The per-user index (issue 12, item 2): `events(of:)` and `forget` read only the user's records, and
/// stay right with interleaved users, after compactions, after reopening, and while appends and
/// compactions run at the same time. The reference is a filter over a full pass (`events(after: 0)`).
@Suite struct EventLogIndexTests {
    private static let users = (0..<9).map { "user-\($0)" }

    private func event(_ i: Int, _ rng: inout SplitMix64, pad: String = "") -> NewEvent {
        NewEvent(user: Self.users[Int(rng.next() % UInt64(Self.users.count))] + pad, item: "i\(rng.next() % 17)",
                 event: "click", weight: Float(i % 5) + 0.5, timestamp: Int64(i))
    }

    /// Every user's indexed events equal the full pass filtered by user, and unknown users have none.
    private func expectIndexMatchesScan(_ log: any EventLog, users: [String]) throws {
        let all = try log.events(after: 0)
        for user in users {
            #expect(try log.events(of: user) == all.filter { $0.user == user }, "\(user)")
        }
        #expect(try log.events(of: "never-seen").isEmpty)
    }

    @Test(arguments: [false, true])
    func interleavedUsersAcrossForgetsCompactionsAndReopen(memory: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var log: any EventLog = MemoryEventLog()
        if !memory { log = try FileEventLog.open(directory: dir.url.path) }
        var rng = SplitMix64(seed: 12)
        var i = 0
        for round in 0..<6 {
            // Single events and batches mixing users (one batch record holds several users' events).
            for _ in 0..<40 { i += 1; _ = try await log.append([event(i, &rng)]) }
            _ = try await log.append((0..<25).map { _ in i += 1; return event(i, &rng) })
            try expectIndexMatchesScan(log, users: Self.users)
            let user = Self.users[round % 3]
            let before = try log.events(of: user).count
            #expect(try await log.forget(user: user) == before)
            #expect(try log.events(of: user).isEmpty && log.knows(user: user))
            try expectIndexMatchesScan(log, users: Self.users)
            if !memory, round % 2 == 1 {
                log.close()
                log = try FileEventLog.open(directory: dir.url.path)
                try expectIndexMatchesScan(log, users: Self.users)
            }
        }
        #expect(try !log.knows(user: "never-seen"))
        log.close()
    }

    /// Only the user's records are read: damage in another user's record does not reach an export of
    /// this one (a full pass would stop at it), while the damaged user's export names the offset.
    @Test func exportReadsOnlyTheUsersRecords() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path, policy: .always)
        defer { log.close() }
        var acked: [LoggedEvent] = []
        for i in 0..<30 {
            acked += try await log.append([NewEvent(user: i % 3 == 0 ? "victim" : "other", item: "i\(i)", event: "click",
                                                    weight: 1, timestamp: Int64(i))])
        }
        // Flip a byte inside the payload of a record that holds only one of victim's events.
        let path = dir.path(FileEventLog.fileName)
        var image = try Data(contentsOf: URL(fileURLWithPath: path))
        let scan = image.withUnsafeBytes { LogScanner(bytes: $0, skipDamage: false) }
        let frame = scan.frames[15]
        #expect(scan.records[frame.records.lowerBound] == .event(acked[15]) && acked[15].user == "victim")
        image[frame.bytes.upperBound - 2] ^= 0x01
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: image)
        try handle.close()

        #expect(try log.events(of: "other") == acked.filter { $0.user == "other" })
        #expect { try log.events(of: "victim") } throws: { "\($0)".contains("byte offset \(frame.bytes.lowerBound)") }
        #expect { try log.events(after: 0) } throws: { "\($0)".contains("byte offset \(frame.bytes.lowerBound)") }
    }

    /// Appends from several tasks keep flowing while forgets compact a multi-chunk log; afterwards (live
    /// and after reopening) every acknowledged event of a user not forgotten after it is present exactly
    /// once, the forgotten ones are gone from the file's bytes, and the index agrees with a full pass.
    @Test func appendsDuringCompactionsAreKeptAndForgottenEventsErased() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try FileEventLog.open(directory: dir.url.path, policy: .batch, batchWindowMicroseconds: 200)
        let pad = "-" + String(repeating: "p", count: 300)
        var rng = SplitMix64(seed: 5)
        var preload: [LoggedEvent] = []
        for start in stride(from: 0, to: 8_000, by: 500) {
            preload += try await log.append((start..<start + 500).map { event($0, &rng, pad: pad) })
        }
        let forgotten = ["user-1", "user-4"].map { $0 + pad }
        let (appended, forgets) = try await withThrowingTaskGroup(of: ([LoggedEvent], [UInt64]).self) { group in
            for t in 0..<3 {
                group.addTask {
                    var local = SplitMix64(seed: 100 + UInt64(t))
                    var mine: [LoggedEvent] = []
                    for i in 0..<150 { mine += try await log.append([event(10_000 + t * 1000 + i, &local, pad: pad)]) }
                    return (mine, [])
                }
            }
            group.addTask {
                var seqs: [UInt64] = []
                for user in forgotten {
                    _ = try await log.forget(user: user)
                    seqs.append(log.forgottenUsers()[user]!)
                }
                return ([], seqs)
            }
            var events: [LoggedEvent] = [], forgets: [UInt64] = []
            for try await (e, f) in group { events += e; forgets += f }
            return (events, forgets)
        }
        let tombstones = Dictionary(uniqueKeysWithValues: zip(forgotten, forgets))
        let expected = (preload + appended).filter { e in tombstones[e.user].map { e.seq > $0 } ?? true }.sorted { $0.seq < $1.seq }
        #expect(try log.events(after: 0) == expected)
        try expectIndexMatchesScan(log, users: Self.users.map { $0 + pad })
        log.close()
        let erasedItems = (preload + appended).filter { e in tombstones[e.user].map { e.seq < $0 } ?? false }
        #expect(!erasedItems.isEmpty)
        let reopened = try FileEventLog.open(directory: dir.url.path)
        defer { reopened.close() }
        #expect(try reopened.events(after: 0) == expected)
        try expectIndexMatchesScan(reopened, users: Self.users.map { $0 + pad })
        // The file holds no forgotten event: every stored record is live.
        let image = try Data(contentsOf: URL(fileURLWithPath: dir.path(FileEventLog.fileName)))
        let scan = image.withUnsafeBytes { LogScanner(bytes: $0, skipDamage: false) }
        let storedEvents = scan.records.compactMap { if case .event(let e) = $0 { e } else { nil } }
        #expect(storedEvents == expected)
    }

    /// A crash after a tombstone was synced but before the compaction finished leaves the events on
    /// disk, hidden; opening the log erases them (and hides them meanwhile).
    @Test func openingFinishesAnInterruptedErasure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let events = (1...6).map { LoggedEvent(seq: UInt64($0), NewEvent(user: $0 % 2 == 0 ? "gone" : "kept", item: "secret-\($0)",
                                                                       event: "click", weight: 1, timestamp: 0)) }
        var image = LogFormat.magic
        LogRecord.encode(events.map(LogRecord.event), asBatch: false, into: &image)
        LogRecord.encode([.tombstone(seq: 7, user: "gone", timestamp: 0)], asBatch: false, into: &image)
        try Data(image).write(to: URL(fileURLWithPath: dir.path(FileEventLog.fileName)))
        let log = try FileEventLog.open(directory: dir.url.path)
        #expect(try log.events(of: "gone").isEmpty && log.events(of: "kept") == events.filter { $0.user == "kept" })
        log.close()
        let after = try Data(contentsOf: URL(fileURLWithPath: dir.path(FileEventLog.fileName)))
        for e in events where e.user == "gone" { #expect(after.range(of: Data(e.item.utf8)) == nil, "\(e.item)") }
        #expect(after.range(of: Data("secret-1".utf8)) != nil)
    }
}
