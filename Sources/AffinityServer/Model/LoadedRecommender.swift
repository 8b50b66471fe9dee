import AffinityData
import AffinityRecommender

/// A `RecommenderModel` adapting a library model: its item map and optional catalog answer the
/// questions about items, the same way for every kind.
protocol LoadedRecommender: RecommenderModel {
    var items: IDMap { get }
    var catalog: ItemCatalog? { get }
}

extension LoadedRecommender {
    func itemIndex(_ item: String) -> ItemIndex? { items.index(of: item) }

    func itemID(_ index: ItemIndex) -> String { items[index] }

    func hasCategory(_ name: String) -> Bool { catalog?.categoryNames.contains(name) ?? false }
}
