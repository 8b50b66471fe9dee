public import AffinityData
import AffinityProtocol
import Foundation
public import Logging

extension Dispatcher {
    /// Forgets a known user (a never-seen one gets `known: false` and nothing is written). Runs on the
    /// worker pool: knowing the user may read the store.
    func forgetUser(_ user: String, _ snapshot: ModelSnapshot, completion: @escaping ReplyCompletion) {
        do {
            guard try isKnown(user, snapshot) else {
                return completion(.success(ForgetResult(user: user, eventsRemoved: 0, hadFactors: false, known: false)))
            }
        } catch {
            return completion(.failure(logFailure("forget_user could not read the event log", error)))
        }
        // Memory first, so no request after the ack can see the user; then the durable tombstone. Its
        // completion runs in sequence order, so the second forget drops exactly the events before it; the
        // reply waits until the log has erased them from disk too.
        let hadFactors = registry.snapshot.users.forget(user)
        log.forget(user: user) { [self] result in
            switch result {
            case .success(let removed):
                registry.snapshot.users.forget(user)
                log.whenErased { [self] erased in
                    completion(erased.map { ForgetResult(user: user, eventsRemoved: removed, hadFactors: hadFactors) }
                        .mapError { internalError("forget_user could not erase the events from the log: \($0)") })
                }
            case .failure(let error):
                completion(.failure(logFailure("forget_user could not store the tombstone", error)))
            }
        }
    }

    /// Everything stored about `user`; their events are read back from the log by its per-user index.
    func exportUser(_ user: String, _ snapshot: ModelSnapshot) throws(ProtocolError) -> ExportResult {
        let logged: [LoggedEvent]
        let known: Bool
        do {
            logged = try log.events(of: user)
            known = try !logged.isEmpty || isKnown(user, snapshot)
        } catch {
            throw logFailure("export_user could not read the event log", error)
        }
        let events = logged.map {
            ExportedEvent(seq: $0.seq, item: $0.item, event: $0.event, weight: Double($0.weight), timestamp: $0.timestamp)
        }
        let history = snapshot.users.trainedHistory(user).map { HistoryEntry(item: $0.item, weight: Double($0.weight)) }
        return ExportResult(user: user, events: events, history: history, factors: snapshot.users.factors(user), known: known)
    }

    /// Whether the server has seen `user`: in the model's training data (even if forgotten since), or
    /// with an event or a tombstone in the log.
    private func isKnown(_ user: String, _ snapshot: ModelSnapshot) throws(DataError) -> Bool {
        if snapshot.recommender?.isTrained(user: user) == true { return true }
        return try log.knows(user: user)
    }

    func modelInfo(_ snapshot: ModelSnapshot) -> ModelInfoResult {
        let m = snapshot.recommender
        let since = UInt64(snapshot.users.onlineEventCount)
        return ModelInfoResult(modelVersion: m?.version, modelPath: snapshot.recommenderPath, users: m?.userCount ?? 0,
                               items: m?.itemCount ?? 0, factors: m?.factorCount ?? 0, factorBytes: m?.factorBytes ?? 0,
                               hyperparameters: m?.hyperparameters ?? [:], eventWeights: (m?.eventWeights ?? [:]).mapValues(Double.init),
                               trainedAt: m?.trainedAt, eventWatermark: m?.watermark ?? 0, trainedThrough: m?.trainedThrough,
                               eventsSinceTraining: since,
                               churnModel: snapshot.churn?.version,
                               sampleUsers: m?.sampleIDs(limit: 100).users ?? [], sampleItems: m?.sampleIDs(limit: 100).items ?? [])
    }

    /// Loads a model (and the current churn model again), replays the log after its watermark into a fresh
    /// user store and swaps the snapshot. A file that fails to load is refused, and so is a model whose
    /// catalogue overlaps the current one too little (unless `force`); the old model keeps serving.
    func reload(path: String?, force: Bool = false) throws(ProtocolError) -> ReloadResult {
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
        let overlap = old.recommender.flatMap { old in fresh.recommender.map { Self.catalogOverlap(old: old, new: $0) } }
        if let overlap, overlap < ReloadResult.minimumCatalogOverlap, !force, let items = fresh.recommender?.itemCount {
            logger.warning("reload refused: different catalogue", metadata: ["path": "\(target)", "catalog_overlap": "\(overlap)"])
            throw .badRequest(field: "path", expected: "a model sharing at least \(Int(ReloadResult.minimumCatalogOverlap * 100))% of its items with the current one, or \"force\": true",
                              got: "a model of \(items) items of which \(Self.percent(overlap)) are known to the current model")
        }
        // Events logged while the new store was being built: caught up and swapped in with feeding held, so
        // none is lost (completions after the swap go to the new store) and none counted twice (the store
        // skips what it already applied).
        let replaced: ModelSnapshot
        do {
            replaced = try registry.feeding { _ throws(DataError) in
                try fresh.users.replay(from: log)
                return registry.swap(fresh)
            }
        } catch {
            throw internalError("reload could not read the event log: \(error)")
        }
        logger.info("model reloaded", metadata: ["model_version": "\(fresh.recommender?.version ?? "-")"])
        return ReloadResult(modelVersion: fresh.recommender?.version ?? "", previousVersion: replaced.recommender?.version,
                            catalogOverlap: overlap)
    }

    /// The share of `new`'s items that `old` knows (1 for an empty catalogue).
    static func catalogOverlap(old: any RecommenderModel, new: any RecommenderModel) -> Double {
        let items = new.sampleIDs(limit: new.itemCount).items
        return items.isEmpty ? 1 : Double(items.filter(old.hasItem).count) / Double(items.count)
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    /// Builds a snapshot: load models, then re-apply every logged event newer than the model's watermark.
    /// Returns the number of events replayed.
    public static func loadSnapshot(loader: any ModelLoading, modelPath: String?, churnPath: String?, log: any EventLog,
                                    forgotten: Set<String> = [], logger: Logger) throws -> (snapshot: ModelSnapshot, replayed: Int) {
        let model = try modelPath.map { try loader.loadRecommender(path: $0) }
        let churn = try churnPath.map { try loader.loadChurn(path: $0) }
        let users = UserFactorStore(model: model, forgotten: forgotten.union(log.forgottenUsers().keys),
                                    sharedLog: log is any SharedEventLog)
        let replayed = try users.replay(from: log)
        let snapshot = ModelSnapshot(recommender: model, recommenderPath: modelPath, churn: churn, churnPath: churnPath, users: users)
        return (snapshot, replayed)
    }
}
