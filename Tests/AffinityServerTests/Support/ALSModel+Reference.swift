import AffinityData
import AffinityRecommender
import AffinityServer

extension ALSModel {
    struct UnknownItem: Error, CustomStringConvertible {
        let item: String
        var description: String { "unknown item \(item)" }
    }

    /// The reference fold-in over external ids: each item's weights summed in the given order, then
    /// `foldIn(items:weights:into:scratch:)` over the sums by ascending item index.
    func referenceFoldIn(_ interactions: [Interaction]) throws -> [Float] {
        var summed: [Int32: Float] = [:]
        for x in interactions {
            guard let i = items.index(of: x.item) else { throw UnknownItem(item: x.item) }
            summed[i, default: 0] += x.weight
        }
        let indices = summed.keys.sorted()
        var x: [Float] = []
        try foldIn(items: indices, weights: indices.map { summed[$0]! }, into: &x)
        return x
    }
}
