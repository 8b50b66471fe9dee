public import AffinityData
import AffinityProtocol
import Foundation
public import Logging

extension Dispatcher {
    func forgetUser(_ user: String, completion: @escaping ReplyCompletion) {
        // Memory first, so no request after the ack can see the user; then the durable tombstone.
        let hadFactors = registry.snapshot.users.forget(user)
        log.forget(user: user) { [self] result in
            switch result {
            case .success(let removed):
                registry.snapshot.users.forget(user)
                completion(.success(ForgetResult(user: user, eventsRemoved: removed, hadFactors: hadFactors)))
            case .failure(let error):
                completion(.failure(internalError("forget failed: \(error)")))
            }
        }
    }

    func exportUser(_ user: String, _ snapshot: ModelSnapshot) -> ExportResult {
        let events = log.events(of: user).map {
            ExportedEvent(seq: $0.seq, item: $0.item, event: $0.event, weight: Double($0.weight), timestamp: $0.timestamp)
        }
        let history = snapshot.users.trainedHistory(user).map { HistoryEntry(item: $0.item, weight: Double($0.weight)) }
        return ExportResult(user: user, events: events, history: history, factors: snapshot.users.factors(user))
    }

    func modelInfo(_ snapshot: ModelSnapshot) -> ModelInfoResult {
        let m = snapshot.recommender
        let watermark = m?.watermark ?? 0
        let since = UInt64(log.events(after: watermark).count)
        return ModelInfoResult(modelVersion: m?.version, modelPath: snapshot.recommenderPath, users: m?.userCount ?? 0,
                               items: m?.itemCount ?? 0, factors: m?.factorCount ?? 0, factorBytes: m?.factorBytes ?? 0,
                               hyperparameters: m?.hyperparameters ?? [:], eventWeights: (m?.eventWeights ?? [:]).mapValues(Double.init),
                               trainedAt: m?.trainedAt, watermark: watermark, eventsSinceTraining: since,
                               churnModel: snapshot.churn?.version,
                               sampleUsers: m?.sampleIDs(limit: 100).users ?? [], sampleItems: m?.sampleIDs(limit: 100).items ?? [])
    }

    /// Loads a model (and the current churn model again), replays the log after its watermark into a fresh
    /// user store and swaps the snapshot. A file that fails to load is refused; the old model keeps serving.
    func reload(path: String?) throws(ProtocolError) -> ReloadResult {
        let old = registry.snapshot
        guard let target = path ?? old.recommenderPath else {
            throw .badRequest(field: "path", expected: "a model file path (the server was started without --model)", got: nil)
        }
        let fresh: ModelSnapshot
        do {
            fresh = try Self.loadSnapshot(loader: loader, modelPath: target, churnPath: old.churnPath, log: log,
                                          forgotten: old.users.forgottenUsers, logger: logger).snapshot
        } catch {
            logger.warning("reload refused; the old model keeps serving", metadata: ["path": "\(target)", "reason": "\(error)"])
            throw .badRequest(field: "path", expected: "a valid, compatible model file", got: "\(error)")
        }
        let replaced = registry.swap(fresh)
        // Events acknowledged on the old snapshot while the new one was being built.
        Self.fold(log.events(after: fresh.recommender?.watermark ?? 0), into: fresh.users)
        logger.info("model reloaded", metadata: ["model_version": "\(fresh.recommender?.version ?? "-")"])
        return ReloadResult(modelVersion: fresh.recommender?.version ?? "", previousVersion: replaced.recommender?.version)
    }

    /// Builds a snapshot: load models, then re-apply every logged event newer than the model's watermark.
    /// Returns the number of events replayed.
    public static func loadSnapshot(loader: any ModelLoading, modelPath: String?, churnPath: String?, log: any EventLog,
                                    forgotten: Set<String> = [], logger: Logger) throws -> (snapshot: ModelSnapshot, replayed: Int) {
        let model = try modelPath.map { try loader.loadRecommender(path: $0) }
        let churn = try churnPath.map { try loader.loadChurn(path: $0) }
        let users = UserFactorStore(model: model, forgotten: forgotten.union(log.forgottenUsers().keys))
        let events = log.events(after: model?.watermark ?? 0)
        fold(events, into: users)
        let snapshot = ModelSnapshot(recommender: model, recommenderPath: modelPath, churn: churn, churnPath: churnPath, users: users)
        return (snapshot, events.count)
    }
}
