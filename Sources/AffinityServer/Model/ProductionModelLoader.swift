import AffinityChurn
import AffinityData
import AffinityProtocol
import AffinityRecommender
import Foundation

/// Loads real model files: recommender models of either kind, told apart by their magic, through
/// `EASEModel.load` or `ALSModel.load` (magic, version and checksum are checked there, so a corrupt or
/// incompatible file is refused) and churn models through `ChurnModel.load`.
public struct ProductionModelLoader: ModelLoading {
    /// Catalogue CSV (item[,name][,category][,price]) read against each loaded model's items: its categories
    /// enable the category filters; a file without a category column loads no categories (its names serve
    /// `retention_offer`).
    public let catalogPath: String?

    public init(catalogPath: String? = nil) { self.catalogPath = catalogPath }

    func itemCatalog(_ items: IDMap) throws -> ItemCatalog? {
        guard let catalogPath else { return nil }
        let products = try ProductCatalog.read(path: catalogPath)
        return products.columns.contains(.category) ? ItemCatalog(items: items, catalog: products) : nil
    }

    public func loadRecommender(path: String) throws -> any RecommenderModel {
        if ModelKind.detect(path: path) == .ease {
            let model = try EASEModel.load(path: path)
            return EASERecommenderModel(model: model, path: path, catalog: try itemCatalog(model.items))
        }
        let model: ALSModel
        do { model = try ALSModel.load(path: path) } catch {
            if Self.head(path, 64).first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
                throw ServerError.modelRejected(path: path, reason: "this is a JSON file (a churn model?), not a recommender model "
                                                + "from `affinity train als` or `affinity train ease`; a churn model goes to --churn-model")
            }
            throw error
        }
        return ALSRecommenderModel(model: model, path: path, catalog: try itemCatalog(model.items))
    }

    public func loadChurn(path: String) throws -> any ChurnScoring {
        do { return ChurnModelScorer(model: try ChurnModel.load(path: path), path: path) } catch {
            if let kind = ModelKind.detect(path: path) {
                throw ServerError.modelRejected(path: path, reason: "this is a recommender model (from `affinity train \(kind.rawValue)`), not a churn "
                                                + "model from `affinity churn train`; a recommender model goes to --model")
            }
            throw error
        }
    }

    /// The file's first `count` bytes (fewer when it is shorter or unreadable), to name the kind of a refused file.
    static func head(_ path: String, _ count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
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
                           reasons: s.reasons.map { ChurnReason(feature: $0.feature, value: $0.value, contribution: $0.contribution, label: $0.label) })
    }
}
