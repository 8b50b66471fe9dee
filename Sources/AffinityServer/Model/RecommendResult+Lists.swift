import AffinityProtocol
import AffinityRecommender

extension RecommendResult {
    /// A library list as a reply, with its source (`model` or `popular_fallback`).
    init(_ list: RecommendationList, version: String) {
        self.init(items: list.items.map { ScoredItem(item: $0.item, score: $0.score) }, source: list.source.rawValue,
                  modelVersion: version)
    }

    /// Items the model scored, as a reply with source `model`.
    init(model items: [Recommendation], version: String) {
        self.init(items: items.map { ScoredItem(item: $0.item, score: $0.score) }, source: RecommendationSource.model.rawValue,
                  modelVersion: version)
    }
}
