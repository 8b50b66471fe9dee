import AffinityData
import AffinityNumerics
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// Against a real throwaway PostgreSQL cluster (scripts/postgres.sh); psql is the independent check.
@Suite struct PostgresEventLogTests {
    @Test func appendsGetIncreasingSeqsAndAreReadableByUserAndByScan() async throws {
        try await withInitializedLog { cluster, log in
            var rng = SplitMix64(seed: 41)
            let batches = (0..<12).map { b in (0..<(b % 4 + 1)).map { storeEvent(b * 10 + $0, rng: &rng) } }
            var acked: [LoggedEvent] = []
            for batch in batches {
                let logged = try await log.append(batch)
                #expect(logged.map { NewEvent(user: $0.user, item: $0.item, event: $0.event, weight: $0.weight, timestamp: $0.timestamp) } == batch)
                #expect(zip(logged, logged.dropFirst()).allSatisfy { $0.seq + 1 == $1.seq }, "one batch, consecutive numbers")
                #expect(logged.first!.seq > (acked.last?.seq ?? 0))
                acked += logged
            }
            #expect(log.lastSeq == acked.last!.seq)
            #expect(try log.events(after: 0) == acked)
            for user in Set(acked.map(\.user)) {
                #expect(try log.events(of: user) == acked.filter { $0.user == user })
                #expect(try log.knows(user: user))
            }
            #expect(try !log.knows(user: "never-seen"))
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_events") == "\(acked.count)")
            // A second instance (another replica) reads the same rows.
            let other = try PostgresEventLog(StoreURL(cluster.url))
            defer { other.close() }
            #expect(try other.events(after: 0) == acked)
            #expect(other.lastSeq == acked.last!.seq)
        }
    }

    @Test func concurrentAppendsAreGroupCommittedAndCompleteInSequenceOrder() async throws {
        try await withInitializedLog { cluster, log in
            var rng = SplitMix64(seed: 7)
            let events = (0..<200).map { storeEvent($0, rng: &rng) }
            let completed = LockedList()
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                // Issued back to back: all but the first queue while the first statement is in flight.
                for e in events {
                    log.append([e]) { result in
                        let calls = completed.record(try? result.get().first)
                        if calls == events.count { done.resume() }
                    }
                }
            }
            let logged = completed.items
            #expect(logged.count == events.count)
            #expect(logged.map(\.seq) == logged.map(\.seq).sorted(), "completions in sequence order")
            #expect(Set(logged.map(\.seq)).count == events.count)
            let transactions = Int(try psql(cluster, "SELECT count(DISTINCT xmin::text) FROM affinity_events")) ?? -1
            #expect(transactions >= 1 && transactions < events.count, "\(transactions) transactions for \(events.count) appends")
            #expect(try log.events(after: 0) == logged)
        }
    }

    @Test func scanAfterAWatermarkReturnsOnlyNewerEvents() async throws {
        try await withInitializedLog { _, log in
            var rng = SplitMix64(seed: 3)
            let acked = try await log.append((0..<30).map { storeEvent($0, rng: &rng) })
            let watermark = acked[9].seq
            var seen: [LoggedEvent] = []
            let covered = try log.scanEvents(after: watermark) { seen.append($0) }
            #expect(seen == Array(acked[10...]))
            #expect(covered == acked.last!.seq)
            #expect(try log.scanEvents(after: covered) { _ in Issue.record("nothing is newer") } == covered)
        }
    }

    @Test func forgetDeletesTheRowsAndStoresTheTombstoneTogether() async throws {
        try await withInitializedLog { cluster, log in
            var rng = SplitMix64(seed: 11)
            let acked = try await log.append((0..<40).map { storeEvent($0, rng: &rng) })
            let target = "u3"
            let theirs = acked.filter { $0.user == target }
            #expect(!theirs.isEmpty)

            // A failing tombstone insert must leave the rows in place (one transaction).
            _ = try psql(cluster, """
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'tombstones refused'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON affinity_forgotten FOR EACH ROW EXECUTE FUNCTION refuse();
                """)
            await #expect(throws: DataError.self) { _ = try await log.forget(user: target) }
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_events WHERE user_id = '\(target)'") == "\(theirs.count)")
            #expect(try log.events(of: target) == theirs)
            _ = try psql(cluster, "DROP TRIGGER refuse ON affinity_forgotten")

            // Another replica's append that drew its number before the forget and commits after it.
            let late = try psql(cluster, "SELECT nextval('affinity_seq')")
            #expect(try await log.forget(user: target) == theirs.count)
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_events WHERE user_id = '\(target)'") == "0")
            #expect(try log.events(of: target).isEmpty)
            #expect(try log.knows(user: target))
            #expect(try log.events(after: 0) == acked.filter { $0.user != target })
            let tombstone = try #require(log.forgottenUsers()[target])
            #expect(tombstone > acked.last!.seq)
            #expect(log.lastSeq == tombstone)

            // That late event stays hidden (its number is below the tombstone's); one after it is live.
            _ = try psql(cluster, """
                INSERT INTO affinity_events VALUES (\(late), '\(target)', 'late', 'click', 1, now()), \
                (nextval('affinity_seq'), '\(target)', 'after', 'click', 1, now())
                """)
            #expect(try log.events(of: target).map(\.item) == ["after"])
            #expect(try log.events(after: 0).filter { $0.user == target }.map(\.item) == ["after"])
        }
    }

    @Test func withTheStoreDownAppendsFailClearlyAndNothingIsAcknowledged() async throws {
        try await withInitializedLog { cluster, log in
            var rng = SplitMix64(seed: 29)
            let before = try await log.append((0..<5).map { storeEvent($0, rng: &rng) })
            try cluster.halt()
            do {
                _ = try await log.append([storeEvent(5, rng: &rng)])
                Issue.record("an append was acknowledged with the store down")
            } catch {
                let text = "\(error)"
                #expect(text.contains(log.store.description) && text.contains("appending 1 events failed"), "\(text)")
                #expect(!text.contains(cluster.password))
            }
            await #expect(throws: DataError.self) { _ = try await log.forget(user: "u1") }
            #expect(throws: DataError.self) { _ = try log.events(of: "u1") }
            try cluster.resume()
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_events") == "\(before.count)")
            #expect(try psql(cluster, "SELECT count(*) FROM affinity_forgotten") == "0")
            // Back up: the log reconnects on its own.
            let after = try await log.append([storeEvent(6, rng: &rng)])
            #expect(after[0].seq > before.last!.seq)
            #expect(try log.events(after: 0) == before + after)
        }
    }
}

/// Completed events, collected across threads.
final class LockedList: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var list: [LoggedEvent] = []
    private var calls = 0

    /// Counts a completion (keeping its event when it succeeded); returns the completions so far.
    func record(_ e: LoggedEvent?) -> Int {
        lock.withLock {
            if let e { list.append(e) }
            calls += 1
            return calls
        }
    }

    var items: [LoggedEvent] { lock.withLock { list } }
}
