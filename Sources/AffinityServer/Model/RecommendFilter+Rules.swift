import AffinityRecommender

extension RecommendFilter {
    /// This request's rules as the library's filter, leaving out seen items when `excludeSeen` is on.
    func rules(excludeSeen: Bool) -> RecommendationFilter {
        RecommendationFilter(excludeSeen: excludeSeen, excludeItems: Array(excludeItems), categories: categories.map(Array.init),
                             excludeCategories: Array(excludeCategories), maxPerCategory: maxPerCategory)
    }
}
