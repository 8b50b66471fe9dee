import AffinityData
import Foundation
import NIOCore
import PostgresNIO

/// A write waiting for the group committer.
enum PendingWrite: Sendable {
    case append([NewEvent], @Sendable (Result<[LoggedEvent], DataError>) -> Void)
    case forget(String, @Sendable (Result<Int, DataError>) -> Void)
}

extension PostgresEventLog {
    /// Queues `write`; starts the committer when it is idle.
    func enqueue(_ write: PendingWrite) {
        let start: Bool? = state.withLock {
            if closed { return nil }
            queue.append(write)
            defer { committing = true }
            return !committing
        }
        switch start {
        case nil: fail(write, .invalid("\(store): the event log is closed"))
        case true?: commitNext()
        case false?: break
        }
    }

    /// Commits everything queued, then looks again; goes idle when the queue is empty.
    private func commitNext() {
        let batch: [PendingWrite] = state.withLock {
            defer { queue = [] }
            if queue.isEmpty {
                committing = false
                state.broadcast()
            }
            return queue
        }
        guard !batch.isEmpty else { return }
        commit(batch[...]).whenComplete { _ in self.commitNext() }
    }

    /// Runs `batch` as a chain of statements: each run of appends as one INSERT, each forget alone.
    private func commit(_ batch: ArraySlice<PendingWrite>) -> EventLoopFuture<Void> {
        guard let first = batch.first else { return writer.eventLoop.makeSucceededVoidFuture() }
        if case .forget(let user, let completion) = first {
            return forget(user, completion).flatMap { self.commit(batch.dropFirst()) }
        }
        let appends = batch.prefix { if case .append = $0 { true } else { false } }
        return insert(Array(appends)).flatMap { self.commit(batch.dropFirst(appends.count)) }
    }

    /// One multi-row INSERT for every event of `appends`; completes each append after the COMMIT.
    private func insert(_ appends: [PendingWrite]) -> EventLoopFuture<Void> {
        let events = appends.flatMap { write -> [NewEvent] in
            if case .append(let events, _) = write { return events }
            return []
        }
        // nextval in ordinality order: the sorted sequence numbers belong to the events in order.
        let query: PostgresQuery = """
            WITH batch AS (SELECT nextval('affinity_seq') AS seq, u, i, e, w, t \
            FROM unnest(\(events.map(\.user))::text[], \(events.map(\.item))::text[], \(events.map(\.event))::text[], \
            \(events.map(\.weight))::real[], \(events.map(\.timestamp))::bigint[]) WITH ORDINALITY AS b(u, i, e, w, t, n) ORDER BY n) \
            INSERT INTO affinity_events (seq, user_id, item_id, event, weight, ts) \
            SELECT seq, u, i, e, w, to_timestamp(t) FROM batch RETURNING seq
            """
        return writer.submit(query, "appending \(events.count) events").map { result -> Void in
            do {
                let seqs = try result.rows.map { UInt64(try $0.decode(Int64.self)) }.sorted()
                guard seqs.count == events.count else {
                    throw DataError.invalid("\(self.store): appending \(events.count) events returned \(seqs.count) sequence numbers")
                }
                var next = 0
                self.saw(seqs.last ?? 0)
                for write in appends {
                    guard case .append(let batch, let completion) = write else { continue }
                    let logged = zip(seqs[next..<next + batch.count], batch).map { LoggedEvent(seq: $0, $1) }
                    next += batch.count
                    completion(.success(logged))
                }
            } catch {
                let failure = StoreError.describe(error, store: self.store, doing: "reading the appended sequence numbers")
                for write in appends { self.fail(write, failure) }
            }
        }.recover { error in
            let failure = StoreError.describe(error, store: self.store, doing: "appending \(events.count) events")
            for write in appends { self.fail(write, failure) }
        }
    }

    /// Deletes the user's events and stores the tombstone in one statement (one transaction).
    private func forget(_ user: String, _ completion: @escaping @Sendable (Result<Int, DataError>) -> Void) -> EventLoopFuture<Void> {
        let query: PostgresQuery = """
            WITH removed AS (DELETE FROM affinity_events WHERE user_id = \(user) RETURNING 1), \
            tombstone AS (INSERT INTO affinity_forgotten (seq, user_id) VALUES (nextval('affinity_seq'), \(user)) RETURNING seq) \
            SELECT tombstone.seq, (SELECT count(*) FROM removed) FROM tombstone
            """
        return writer.submit(query, "forgetting a user").map { result -> Void in
            do {
                guard let row = result.rows.first else { throw DataError.invalid("forgetting a user returned no tombstone") }
                let (seq, removed) = try row.decode((Int64, Int64).self)
                self.saw(UInt64(seq))
                self.state.withLock { self.tombstones[user] = UInt64(seq) }
                completion(.success(Int(removed)))
            } catch {
                completion(.failure(StoreError.describe(error, store: self.store, doing: "reading the tombstone")))
            }
        }.recover { error in
            completion(.failure(StoreError.describe(error, store: self.store, doing: "forgetting a user")))
        }
    }

    func fail(_ write: PendingWrite, _ error: DataError) {
        switch write {
        case .append(_, let completion): completion(.failure(error))
        case .forget(_, let completion): completion(.failure(error))
        }
    }
}
