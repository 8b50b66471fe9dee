import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity recommend`: top-k items for a user, or for a cart of items.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend items for a user (unknown users get popular items) or for a cart (--items; unknown items are an error, as in the server's recommend_items).",
        discussion: "--json prints {\"user\" or \"items_in_cart\", \"items\": [{\"item\", \"score\"}], \"source\": \"model\"|\"popular_fallback\"}; with --explain each item also has \"because\": [{\"item\", \"share\", \"contribution\"}] (docs/EXPLAIN.md).")

    @Option(help: "Model file from 'affinity train als' or 'affinity train ease'.")
    var model: String
    @Option(help: "External user ID.")
    var user: String?
    @Option(help: "Cart as query: comma-separated item IDs (instead of --user); an ID the model does not know is an error.")
    var items: String?
    @Option(help: "List length (1...1000).")
    var k: Int = 10
    @Flag(name: .customLong("include-seen"), help: "Allow items the user interacted with in training.")
    var includeSeen = false
    @Option(name: .customLong("exclude-items"), help: "Comma-separated item IDs never to recommend.")
    var excludeItems: String?
    @Option(help: "Item catalog CSV with columns item,category[,price] (needed for category filters).")
    var catalog: String?
    @Option(help: "Comma-separated categories to recommend from (needs --catalog).")
    var categories: String?
    @Option(name: .customLong("exclude-categories"), help: "Comma-separated categories never to recommend (needs --catalog).")
    var excludeCategories: String?
    @Option(name: .customLong("max-per-category"), help: "At most this many items per category (needs --catalog).")
    var maxPerCategory: Int?
    @Flag(help: "Name up to 3 items of the user's history (or of the cart) behind each item's score, with their share of it.")
    var explain = false
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if (user == nil) == (items == nil) { throw ValidationError("give exactly one of --user USER or --items A,B,…") }
        guard (1...1000).contains(k) else { throw ValidationError("--k must be between 1 and 1000; got \(k)") }
        if let m = maxPerCategory, m < 1 { throw ValidationError("--max-per-category must be at least 1; got \(m)") }
        if catalog == nil && (categories != nil || excludeCategories != nil || maxPerCategory != nil) {
            throw ValidationError("--categories, --exclude-categories and --max-per-category need --catalog FILE")
        }
    }

    static func list(_ s: String?) -> [String] { s.map { $0.split(separator: ",").map(String.init) } ?? [] }

    struct Output: Encodable {
        struct Because: Encodable { let item: String; let share: Float; let contribution: Float }
        struct Item: Encodable {
            let item: String, score: Float
            var because: [Because]? = nil
        }
        let user: String?, itemsInCart: [String]?, items: [Item], source: String
        enum CodingKeys: String, CodingKey { case user, items, source; case itemsInCart = "items_in_cart" }
    }

    func run() throws {
        let m = try ModelKind.load(path: model)
        let cat = try catalog.map { try ItemCatalog.load(path: $0, items: m.items) }
        let filter = RecommendationFilter(excludeSeen: !includeSeen, excludeItems: Self.list(excludeItems),
                                          categories: categories.map { Self.list($0) },
                                          excludeCategories: Self.list(excludeCategories), maxPerCategory: maxPerCategory)
        if let items { try m.requireKnownItems(Self.list(items)) }
        let result = user.map { m.recommend(user: $0, k: k, filter: filter, catalog: cat) }
            ?? m.recommendItems(items: Self.list(items), k: k, filter: filter, catalog: cat)
        // Explanations by rank; a popular fallback has none (empty lists).
        let reasons = try explain ? m.explain(result, user: user, cart: Self.list(items)).map(\.because) : nil
        if format.json {
            try JSONOutput.print(Output(user: user, itemsInCart: items.map { Self.list($0) }, items: result.items.enumerated().map { n, r in
                .init(item: r.item, score: r.score,
                      because: reasons?[n].map { .init(item: $0.item, share: $0.share, contribution: $0.contribution) })
            }, source: result.source.rawValue))
        } else {
            print("source: \(result.source.rawValue)")
            for (rank, r) in result.items.enumerated() {
                let category = cat?.category(of: r.itemIndex).map { "  [\($0)]" } ?? ""
                print(String(format: "%3d. %@  %.4f", rank + 1, r.item, r.score) + category)
                if let because = reasons?[rank], !because.isEmpty {
                    print("     because: " + because.map { String(format: "%@ %.0f%% (%.4f)", $0.item, 100 * $0.share, $0.contribution) }
                        .joined(separator: ", "))
                }
            }
        }
    }
}

/// `affinity similar`: items most similar to an item (ALS: cosine of factors; EASE: the item's row of B).
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "List the items most similar to an item (ALS: cosine similarity of item factors; EASE: the item's row of B, what a one-item cart scores).",
        discussion: "--json prints {\"item\", \"similar\": [{\"item\", \"score\"}]}.")

    @Option(help: "Model file from 'affinity train als' or 'affinity train ease'.")
    var model: String
    @Option(help: "External item ID.")
    var item: String
    @Option(help: "List length (1...1000).")
    var k: Int = 10
    @OptionGroup var format: OutputOptions

    func validate() throws {
        guard (1...1000).contains(k) else { throw ValidationError("--k must be between 1 and 1000; got \(k)") }
    }

    struct Output: Encodable {
        let item: String
        let similar: [RecommendCommand.Output.Item]
    }

    func run() throws {
        let similar = try ModelKind.load(path: model).similarItems(item: item, k: k)
        if format.json {
            try JSONOutput.print(Output(item: item, similar: similar.map { .init(item: $0.item, score: $0.score) }))
        } else {
            for (rank, r) in similar.enumerated() { print(String(format: "%3d. %@  %.4f", rank + 1, r.item, r.score)) }
        }
    }
}
