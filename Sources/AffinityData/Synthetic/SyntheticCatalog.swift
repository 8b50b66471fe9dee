import AffinityNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One product of the synthetic shop.
public struct SyntheticItem: Sendable, Equatable {
    public var id: String
    public var category: Int
    public var priceCents: Int
    /// Relative popularity (power law over a random ranking).
    public var popularity: Double
    public var description: String
}

/// Items in categories with prices and power-law popularity.
public struct SyntheticCatalog: Sendable {
    public static let baseCategoryNames = [
        "kitchen", "garden", "toys", "books", "electronics", "beauty", "sports", "home-decor",
        "stationery", "pets", "fashion", "grocery", "lighting", "music", "games", "outdoor",
        "baby", "tools", "travel", "crafts", "party", "bath", "office", "wellness",
    ]
    private static let nouns = ["mug", "lamp", "set", "kit", "box", "bag", "frame", "card", "bottle", "holder", "tray", "sign"]
    private static let adjectives = ["red", "blue", "vintage", "mini", "large", "retro", "classic", "glass", "wooden", "metal"]

    public let categoryNames: [String]
    public let items: [SyntheticItem]
    /// Per category: its item indices and a popularity sampler over them.
    public let itemsByCategory: [[Int]]
    let samplers: [WeightedSampler]
    let globalSampler: WeightedSampler

    init(config: SyntheticShopConfig, rng: inout Xoshiro256) {
        let c = config.categoryCount
        categoryNames = (0..<c).map { $0 < Self.baseCategoryNames.count ? Self.baseCategoryNames[$0] : "category-\($0)" }
        // Typical price per category between 3 and 80 (log-uniform).
        let basePrice = (0..<c).map { _ in exp(log(3.0) + rng.nextDouble() * log(80.0 / 3.0)) }
        var ranks = Array(1...config.items)
        for k in stride(from: ranks.count - 1, to: 0, by: -1) { ranks.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
        let width = max(5, String(config.items).count)
        var items: [SyntheticItem] = []
        items.reserveCapacity(config.items)
        for k in 0..<config.items {
            let category = k < c ? k : Int(rng.next() % UInt64(c))
            let price = basePrice[category] * exp(0.45 * rng.nextGaussian())
            let digits = String(k + 1)
            let id = "P" + String(repeating: "0", count: max(0, width - digits.count)) + digits
            let adjective = Self.adjectives[Int(rng.next() % UInt64(Self.adjectives.count))]
            let noun = Self.nouns[Int(rng.next() % UInt64(Self.nouns.count))]
            // Some descriptions carry commas and quotes, as real catalogs do.
            let description = k % 17 == 0 ? "\(noun.uppercased()), \(adjective.uppercased()) 7\" \(categoryNames[category].uppercased())"
                                           : "\(adjective.uppercased()) \(noun.uppercased()) \(categoryNames[category].uppercased())"
            items.append(SyntheticItem(id: id, category: category, priceCents: max(25, Int((price * 100).rounded())),
                                       popularity: pow(Double(ranks[k]), -1.1), description: description))
        }
        self.items = items
        var byCategory = [[Int]](repeating: [], count: c)
        for (k, item) in items.enumerated() { byCategory[item.category].append(k) }
        itemsByCategory = byCategory
        samplers = byCategory.map { list in WeightedSampler(weights: list.map { items[$0].popularity }) }
        globalSampler = WeightedSampler(weights: items.map(\.popularity))
    }

    /// A popular item of `category`.
    func sample(category: Int, _ rng: inout Xoshiro256) -> Int {
        itemsByCategory[category][samplers[category].sample(&rng)]
    }

    /// A popular item of any category.
    func sampleAny(_ rng: inout Xoshiro256) -> Int { globalSampler.sample(&rng) }
}
