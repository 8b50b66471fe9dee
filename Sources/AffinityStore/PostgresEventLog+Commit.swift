import AffinityData
import Foundation
import PostgresNIO

/// A write waiting for the group committer.
enum PendingWrite: Sendable {
    case append([NewEvent], @Sendable (Result<[LoggedEvent], DataError>) -> Void)
    case forget(String, @Sendable (Result<Int, DataError>) -> Void)

    var isForget: Bool {
        if case .forget = self { true } else { false }
    }
}

extension PostgresEventLog {
    /// Queues `write` and starts the statements the queue allows.
    func enqueue(_ write: PendingWrite) {
        let accepted = state.withLock { () -> Bool in
            if closed { return false }
            queue.append(write)
            return true
        }
        guard accepted else { return fail(write, .invalid("\(store): the event log is closed")) }
        startWrites()
    }

    /// Starts as many statements as the queue and `writesInFlight` allow: each run of appends as one
    /// INSERT; a forget alone, once nothing else runs (and nothing starts while it runs).
    private func startWrites() {
        while let batch = nextBatch() {
            Task(executorPreference: pool.executor) { [self] in
                if case .forget(let user, let completion) = batch[0] {
                    await forget(user, completion)
                } else {
                    await insert(batch)
                }
                state.withLock {
                    inFlight -= 1
                    exclusive = false
                    state.broadcast()
                }
                startWrites()
            }
        }
    }

    /// Takes the next statement's writes off the queue (nil when none may start now).
    private func nextBatch() -> [PendingWrite]? {
        state.withLock { () -> [PendingWrite]? in
            guard let first = queue.first, inFlight < Self.writesInFlight, !exclusive else { return nil }
            if first.isForget {
                guard inFlight == 0 else { return nil }
                exclusive = true
                inFlight = 1
                queue.removeFirst()
                return [first]
            }
            let count = queue.firstIndex(where: \.isForget) ?? queue.count
            defer { queue.removeFirst(count) }
            inFlight += 1
            return Array(queue.prefix(count))
        }
    }

    /// One multi-row INSERT for every event of `appends`; completes each append after the COMMIT.
    private func insert(_ appends: [PendingWrite]) async {
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
        let what = "appending \(events.count) events"
        do throws(DataError) {
            let seqs = try await pool.withSession(what) { session throws(DataError) -> [UInt64] in
                let rows = try await session.run(query, what)
                return try StoreError.decoding(session.store) { try rows.map { UInt64(try $0.decode(Int64.self)) }.sorted() }
            }
            guard seqs.count == events.count else {
                throw DataError.invalid("\(store): \(what) returned \(seqs.count) sequence numbers")
            }
            saw(seqs.last ?? 0)
            var next = 0
            for write in appends {
                guard case .append(let batch, let completion) = write else { continue }
                completion(.success(zip(seqs[next..<next + batch.count], batch).map { LoggedEvent(seq: $0, $1) }))
                next += batch.count
            }
        } catch {
            for write in appends { fail(write, error) }
        }
    }

    /// Deletes the user's events and stores the tombstone in one statement (one transaction).
    private func forget(_ user: String, _ completion: @escaping @Sendable (Result<Int, DataError>) -> Void) async {
        let query: PostgresQuery = """
            WITH removed AS (DELETE FROM affinity_events WHERE user_id = \(user) RETURNING 1), \
            tombstone AS (INSERT INTO affinity_forgotten (seq, user_id) VALUES (nextval('affinity_seq'), \(user)) RETURNING seq) \
            SELECT tombstone.seq, (SELECT count(*) FROM removed) FROM tombstone
            """
        do throws(DataError) {
            let (seq, removed) = try await pool.withSession("forgetting a user") { session throws(DataError) -> (Int64, Int64) in
                let rows = try await session.run(query, "forgetting a user")
                guard let row = rows.first else { throw DataError.invalid("\(session.store): forgetting a user returned no tombstone") }
                return try StoreError.decoding(session.store) { try row.decode((Int64, Int64).self) }
            }
            saw(UInt64(seq))
            state.withLock { tombstones[user] = UInt64(seq) }
            completion(.success(Int(removed)))
        } catch {
            completion(.failure(error))
        }
    }

    func fail(_ write: PendingWrite, _ error: DataError) {
        switch write {
        case .append(_, let completion): completion(.failure(error))
        case .forget(_, let completion): completion(.failure(error))
        }
    }
}
