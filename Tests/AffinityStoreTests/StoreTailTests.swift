import AffinityData
import AffinityNumerics
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// The tail's bound (docs/FLEET.md, "Tailing") against a writer that commits out of sequence order.
@Suite struct StoreTailTests {
    @Test func aHeldLowerSeqKeepsTheBoundBelowItUntilItCommits() async throws {
        try await withInitializedLog { cluster, log in
            let first = try await log.append([NewEvent(user: "a", item: "i1", event: "click", weight: 1, timestamp: 1)])[0].seq
            var batch = try log.poll(after: 0, limit: 100)
            #expect(batch.records == [.event(try log.events(of: "a")[0])])
            #expect(batch.covered == first, "nothing in flight: the bound is the last number drawn")
            let held = try cluster.session()
            defer { held.close() }
            let low = try #require(UInt64(try held.run("""
                BEGIN; INSERT INTO affinity_events (seq, user_id, item_id, event, weight, ts) \
                VALUES (nextval('affinity_seq'), 'b', 'i2', 'click', 1, now()) RETURNING seq;
                """)))
            let high = try await log.append([NewEvent(user: "c", item: "i3", event: "click", weight: 1, timestamp: 3)])[0].seq
            #expect(high > low)
            batch = try log.poll(after: first, limit: 100)
            #expect(batch.records.map(\.seq) == [high], "the committed higher number is visible at once")
            #expect(batch.covered < low, "the bound stays below the number still in flight")
            #expect(log.waitForCommit(timeout: 10), "the higher commit's notification (consumed here)")
            #expect(try held.run("COMMIT; SELECT 1;") == "1")
            #expect(log.waitForCommit(timeout: 10), "the commit notifies")
            batch = try log.poll(after: batch.covered, limit: 100)
            #expect(batch.records.map(\.seq) == [low, high])
            #expect(batch.covered == high)
            // A scan after the commit covers both, in order.
            #expect(try log.events(after: first).map(\.seq) == [low, high])
        }
    }

    @Test func aTransactionThatWritesNoEventsDoesNotHoldTheBound() async throws {
        try await withInitializedLog { cluster, log in
            let other = try cluster.session()
            defer { other.close() }
            // An open transaction with an id that touches none of the store's tables (another application
            // sharing the database; autovacuum's ANALYZE is one too).
            #expect(try other.run("BEGIN; CREATE TEMP TABLE unrelated (a int); INSERT INTO unrelated VALUES (1); SELECT pg_current_xact_id() IS NOT NULL;") == "t")
            let seq = try await log.append([NewEvent(user: "a", item: "i1", event: "click", weight: 1, timestamp: 1)])[0].seq
            var batch = try log.poll(after: 0, limit: 100)
            #expect(batch.records.map(\.seq) == [seq], "visible at once")
            #expect(batch.covered < seq, "at first the older open transaction holds the bound (the snapshot's xmin)")
            // Once the pair has waited `StoreTail.writerCheckAfter` (20 ms), the tail asks which writers of the
            // store's tables are running: none, so the bound passes the event.
            try await Task.sleep(for: .milliseconds(50))
            batch = try log.poll(after: batch.covered, limit: 100)
            #expect(batch.covered == seq, "the bound passes the event although an older transaction is still open")
            #expect(try other.run("ROLLBACK; SELECT 1;") == "1")
        }
    }

    @Test func aFullPageCapsTheBoundAtItsLastRecordAndTombstonesAreRead() async throws {
        try await withInitializedLog { _, log in
            var rng = SplitMix64(seed: 3)
            let logged = try await log.append((0..<10).map { storeEvent($0, rng: &rng) })
            let removed = try await log.forget(user: logged[0].user)
            let page = try log.poll(after: 0, limit: 4)
            #expect(page.records.count == 4)
            #expect(page.covered == page.records.last?.seq)
            let rest = try log.poll(after: page.covered, limit: 100)
            let tombstones = rest.records.filter { if case .tombstone = $0 { true } else { false } }
            #expect(tombstones.count == 1 && removed == logged.filter { $0.user == logged[0].user }.count)
            #expect(rest.covered == log.lastSeq)
            #expect((page.records + rest.records).allSatisfy { record in
                if case .event(let e) = record { e.user != logged[0].user } else { true }
            }, "a forgotten user's events are not read")
        }
    }
}
