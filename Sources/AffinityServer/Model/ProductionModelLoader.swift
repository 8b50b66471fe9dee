import AffinityChurn
import AffinityProtocol
import AffinityRecommender
import Foundation

/// Loads real model files: ALS models through `ALSModel.load` (magic, version and checksum are
/// checked there, so a corrupt or incompatible file is refused) and churn models through `ChurnModel.load`.
public struct ProductionModelLoader: ModelLoading {
    /// Item catalog CSV (item,category[,price]) read against each loaded model's items, for category filters.
    public let catalogPath: String?

    public init(catalogPath: String? = nil) { self.catalogPath = catalogPath }

    public func loadRecommender(path: String) throws -> any RecommenderModel {
        let model = try ALSModel.load(path: path)
        let catalog = try catalogPath.map { try ItemCatalog.load(path: $0, items: model.items) }
        return ALSRecommenderModel(model: model, path: path, catalog: catalog)
    }

    public func loadChurn(path: String) throws -> any ChurnScoring {
        ChurnModelScorer(model: try ChurnModel.load(path: path), path: path)
    }
}

/// `ChurnScoring` over a loaded `ChurnModel`.
struct ChurnModelScorer: ChurnScoring {
    let model: ChurnModel
    let version: String

    init(model: ChurnModel, path: String) {
        self.model = model
        version = "\((path as NSString).lastPathComponent)@v\(model.version)"
    }

    func score(customer: [String: String]) throws -> ChurnResult {
        let s = try model.score(customer: customer)
        return ChurnResult(probability: s.probability, tier: s.tier.rawValue,
                           reasons: s.reasons.map { ChurnReason(feature: $0.feature, value: $0.value, contribution: $0.contribution) })
    }
}
