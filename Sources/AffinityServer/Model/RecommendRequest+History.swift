import AffinityRecommender

extension RecommendRequest {
    /// The history a request is scored from, by ascending item index: the profile's summed weights when
    /// `profileApplies` (the model scores from the profile), else the trained user's history; nil when
    /// there is neither (the popular fallback).
    func scoredHistory(_ model: some RecommenderModel, profileApplies: Bool) -> (items: [ItemIndex], weights: [Float])? {
        if profileApplies, let profile { return profile.sortedWeights() }
        guard let user = trainedUser else { return nil }
        let trained = model.trainedWeights(user: user).sorted { $0.item < $1.item }
        return trained.isEmpty ? nil : (trained.map(\.item), trained.map(\.weight))
    }
}
