import Logging
import AffinityData
import AffinityProtocol
import Foundation

extension Dispatcher {
    /// Durable feedback: validate all events (all or nothing), append them to the log, and once the
    /// log reports them durable, add them to the users' sums; only then complete (the ack).
    /// A `batch` names a failing event by its index (`events[3].item`).
    func feedback(_ events: [FeedbackParams], batch: Bool, _ snapshot: ModelSnapshot,
                  completion: @escaping @Sendable (Result<FeedbackBatchResult, ProtocolError>) -> Void) {
        let newEvents: [NewEvent]
        do {
            newEvents = try prepare(events, batch: batch, snapshot)
        } catch {
            return completion(.failure(error))
        }
        log.append(newEvents) { [self] result in
            switch result {
            case .failure(let error):
                completion(.failure(logFailure("feedback could not be appended to the event log", error)))
            case .success(let logged):
                // Add the events to the live store's sums (cheap) and acknowledge. The fold-in (a Cholesky
                // solve per user) runs when the user's state is next read (`UserFactorStore.recommendView`),
                // once for every event since: the user's next answer reflects this one (read-your-writes).
                registry.feeding { _ = $0.users.accumulate(logged) }
                stats.countEvents(logged.count)
                completion(.success(FeedbackBatchResult(firstSeq: logged.first?.seq ?? 0, count: logged.count)))
            }
        }
    }

    private func prepare(_ events: [FeedbackParams], batch: Bool, _ snapshot: ModelSnapshot) throws(ProtocolError) -> [NewEvent] {
        let model = try model(snapshot)
        let field = { (i: Int, name: String) in batch ? "events[\(i)].\(name)" : name }
        let unknown = events.indices.filter { !model.hasItem(events[$0].item) }
        if !unknown.isEmpty {
            throw unknownItems(unknown.map { events[$0].item }, fields: batch ? unknown.map { field($0, "item") } : [],
                               op: batch ? "feedback_batch" : "feedback")
        }
        let now = Int64(Date().timeIntervalSince1970)
        var out: [NewEvent] = []
        out.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            guard let weight = e.weight.map(Float.init) ?? model.eventWeights[e.event] else {
                let known = model.eventWeights.keys.sorted().joined(separator: ", ")
                throw .badRequest(field: field(i, "event"), expected: "one of \(known) (or an explicit weight)", got: "\"\(e.event)\"")
            }
            out.append(NewEvent(user: e.user, item: e.item, event: e.event, weight: weight, timestamp: e.timestamp ?? now))
        }
        return out
    }
}
