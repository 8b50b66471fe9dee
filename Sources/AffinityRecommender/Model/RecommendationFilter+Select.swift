import AffinityData
import AffinityNumerics

extension RecommendationFilter {
    /// Applies these rules to `scores` (NaN = excluded; `items` maps the model's indices to IDs)
    /// and picks the top `k`, honouring `maxPerCategory` by widening the candidate pool until the
    /// list is full or items run out. Shared by every model kind.
    func select(scores: inout [Float], k: Int, items: IDMap, catalog: ItemCatalog?) -> [Recommendation] {
        guard k > 0 else { return [] }
        for id in excludeItems { if let i = items.index(of: id) { scores[Int(i)] = .nan } }
        if let include = includeItems {
            let keep = Set(include.compactMap { items.index(of: $0) })
            for i in 0..<scores.count where !keep.contains(Int32(i)) { scores[i] = .nan }
        }
        if let catalog, usesCategories {
            let only = categories.map { catalog.categoryIndices($0) }
            let banned = catalog.categoryIndices(excludeCategories)
            for i in 0..<scores.count {
                let c = catalog.itemCategory[i]
                if banned.contains(c) || (only.map { !$0.contains(c) } ?? false) { scores[i] = .nan }
            }
        }
        let cap = catalog == nil ? nil : maxPerCategory
        var pool = cap == nil ? k : k * 4
        while true {
            let top = TopK.select(scores, k: pool)
            var picked: [Recommendation] = []
            var perCategory: [Int32: Int] = [:]
            for e in top {
                if let cap, let catalog {
                    let c = catalog.itemCategory[Int(e.index)]
                    if c >= 0 {
                        if perCategory[c, default: 0] >= cap { continue }
                        perCategory[c, default: 0] += 1
                    }
                }
                picked.append(Recommendation(item: items[e.index], itemIndex: e.index, score: e.score))
                if picked.count == k { return picked }
            }
            if top.count < pool || pool >= scores.count { return picked }
            pool = min(scores.count, pool * 4)
        }
    }
}
