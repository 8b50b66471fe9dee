import Logging
import AffinityData
import AffinityProtocol
import Foundation

extension Dispatcher {
    /// Durable feedback: validate all events (all or nothing), append them to the log, and once the
    /// log reports them durable, fold them into the users' factors; only then complete (the ack).
    func feedback(_ events: [FeedbackParams], _ snapshot: ModelSnapshot,
                  completion: @escaping @Sendable (Result<FeedbackBatchResult, ProtocolError>) -> Void) {
        let newEvents: [NewEvent]
        do {
            newEvents = try prepare(events, snapshot)
        } catch {
            return completion(.failure(error))
        }
        let users = snapshot.users
        log.append(newEvents) { [self] result in
            switch result {
            case .failure(let error):
                completion(.failure(internalError("event log append failed: \(error)")))
            case .success(let logged):
                // Fold-in is CPU work (a Cholesky solve per user): run it on the worker pool, not on the
                // log's commit thread, so fsyncs keep flowing; the ack still waits for it.
                offload { [self] in
                    Self.fold(logged, into: users)
                    stats.countEvents(logged.count)
                    completion(.success(FeedbackBatchResult(firstSeq: logged.first?.seq ?? 0, count: logged.count)))
                }
            }
        }
    }

    private func prepare(_ events: [FeedbackParams], _ snapshot: ModelSnapshot) throws(ProtocolError) -> [NewEvent] {
        let model = try model(snapshot)
        let prefix = events.count == 1 ? "" : "events"
        let unknown = events.map(\.item).filter { !model.hasItem($0) }
        if !unknown.isEmpty { throw unknownItems(unknown, op: "feedback") }
        let now = Int64(Date().timeIntervalSince1970)
        var out: [NewEvent] = []
        out.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            let field = prefix.isEmpty ? "event" : "\(prefix)[\(i)].event"
            guard let weight = e.weight.map(Float.init) ?? model.eventWeights[e.event] else {
                let known = model.eventWeights.keys.sorted().joined(separator: ", ")
                throw .badRequest(field: field, expected: "one of \(known) (or an explicit weight)", got: "\"\(e.event)\"")
            }
            out.append(NewEvent(user: e.user, item: e.item, event: e.event, weight: weight, timestamp: e.timestamp ?? now))
        }
        return out
    }

    /// Applies logged events to the store, one fold-in per user.
    static func fold(_ logged: [LoggedEvent], into users: UserFactorStore) {
        var byUser: [String: [(seq: UInt64, interaction: Interaction)]] = [:]
        for e in logged { byUser[e.user, default: []].append((e.seq, Interaction(item: e.item, weight: e.weight))) }
        for (user, events) in byUser { users.apply(user: user, events: events) }
    }
}
