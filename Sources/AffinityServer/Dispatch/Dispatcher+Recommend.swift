import Logging
public import AffinityProtocol

extension Dispatcher {
    func model(_ snapshot: ModelSnapshot) throws(ProtocolError) -> any RecommenderModel {
        guard let model = snapshot.recommender else {
            throw .notLoaded("no recommender model is loaded; start with --model or send reload")
        }
        return model
    }

    func recommend(_ p: RecommendParams, _ snapshot: ModelSnapshot) throws(ProtocolError) -> RecommendResult {
        let model = try model(snapshot)
        let request = try recommendRequest(p, model, snapshot)
        return try explained(model.recommend(batch: [request])[0], p, request, model)
    }

    /// Several `recommend`s against the current snapshot: each request is checked and its user read
    /// from the store on its own, then every valid one is scored in one `recommend(batch:)` call.
    /// Each result equals what `handle` gives for that request alone.
    public func recommendBatch(_ params: [RecommendParams]) -> [Result<RecommendResult, ProtocolError>] {
        if isDraining {
            return params.map { _ in .failure(.overloaded("the server is draining for shutdown; retry on another connection")) }
        }
        let snapshot = registry.snapshot
        let model: any RecommenderModel
        do {
            model = try self.model(snapshot)
        } catch {
            return params.map { _ in .failure(error) }
        }
        var results: [Result<RecommendResult, ProtocolError>?] = []
        var requests: [RecommendRequest] = []
        var positions: [Int] = []
        for (i, p) in params.enumerated() {
            do {
                requests.append(try recommendRequest(p, model, snapshot))
                positions.append(i)
                results.append(nil)
            } catch {
                results.append(.failure(error))
            }
        }
        for (n, result) in model.recommend(batch: requests).enumerated() {
            let i = positions[n]
            results[i] = Result { () throws(ProtocolError) in try explained(result, params[i], requests[n], model) }
        }
        return results.map { $0! }
    }

    /// Checks one request's filters against the model and reads the user's profile from the store.
    private func recommendRequest(_ p: RecommendParams, _ model: any RecommenderModel,
                                  _ snapshot: ModelSnapshot) throws(ProtocolError) -> RecommendRequest {
        if !model.hasCategories {
            for (field, used) in [("categories", p.categories != nil), ("exclude_categories", p.excludeCategories != nil),
                                  ("max_per_category", p.maxPerCategory != nil)] where used {
                throw .badRequest(field: field, expected: "no category filter: the loaded model has no item catalog", got: nil)
            }
        }
        for (field, names) in [("categories", p.categories ?? []), ("exclude_categories", p.excludeCategories ?? [])] {
            if let unknown = names.first(where: { !model.hasCategory($0) }) {
                throw .badRequest(field: field, expected: "categories that items of the model have in the --catalog file", got: "unknown category \"\(unknown)\"")
            }
        }
        let view = snapshot.users.recommendView(p.user)
        let filter = RecommendFilter(categories: p.categories.map(Set.init), excludeCategories: Set(p.excludeCategories ?? []),
                                     excludeItems: Set(p.excludeItems ?? []), maxPerCategory: p.maxPerCategory)
        return RecommendRequest(profile: view.profile, trainedUser: view.forgotten ? nil : p.user, excludeSeen: p.excludeSeen ?? true,
                                k: p.k ?? 10, filter: filter)
    }

    func recommendItems(_ p: RecommendItemsParams, _ snapshot: ModelSnapshot) throws(ProtocolError) -> RecommendResult {
        let model = try model(snapshot)
        let unknown = p.items.filter { !model.hasItem($0) }
        if !unknown.isEmpty { throw unknownItems(unknown, op: "recommend_items") }
        return model.recommendItems(p.items, k: p.k ?? 10)
    }

    func similarItems(_ p: SimilarItemsParams, _ snapshot: ModelSnapshot) throws(ProtocolError) -> RecommendResult {
        let model = try model(snapshot)
        guard model.hasItem(p.item) else { throw unknownItems([p.item], op: "similar_items") }
        return model.similarItems(p.item, k: p.k ?? 10)
    }

    /// Unknown items are logged (for the next retrain) and answered with `unknown_item`.
    func unknownItems(_ items: [String], fields: [String] = [], op: String) -> ProtocolError {
        stats.countUnknownItems(items.count)
        logger.info("unknown items", metadata: ["op": "\(op)", "items": "\(items.prefix(20).joined(separator: ","))"])
        return .unknownItem(items, fields: fields)
    }
}
