public import AffinityData

/// Item metadata for filtering: each model item's category (and price when known).
/// Built against one model's item map; items absent from the catalog have no category.
public struct ItemCatalog: Sendable {
    /// Category names, indexed by category index.
    public let categoryNames: [String]
    /// Category index per model item, −1 when unknown.
    let itemCategory: [Int32]
    /// Price per model item, NaN when unknown.
    public let prices: [Float]

    /// One catalog row: an item's external ID, its category and optional price.
    public struct Entry: Sendable, Equatable {
        public var item: String
        public var category: String
        public var price: Float?
        public init(item: String, category: String, price: Float? = nil) {
            self.item = item
            self.category = category
            self.price = price
        }
    }

    /// Maps `entries` onto `items`; entries for items the model does not know are skipped.
    public init(items: IDMap, entries: [Entry]) {
        var names = IDMap()
        var category = [Int32](repeating: -1, count: items.count)
        var prices = [Float](repeating: .nan, count: items.count)
        for e in entries {
            guard let i = items.index(of: e.item) else { continue }
            category[Int(i)] = names.intern(e.category)
            if let p = e.price { prices[Int(i)] = p }
        }
        categoryNames = names.ids
        itemCategory = category
        self.prices = prices
    }

    /// The category of model item `i`, or nil.
    public func category(of i: Int32) -> String? {
        let c = itemCategory[Int(i)]
        return c < 0 ? nil : categoryNames[Int(c)]
    }

    func categoryIndices(_ names: [String]) -> Set<Int32> {
        Set(names.compactMap { n in categoryNames.firstIndex(of: n).map { Int32($0) } })
    }
}

extension ItemCatalog {
    /// Reads a catalogue CSV with columns `item,category` and optionally `name` and `price`
    /// (`ProductCatalog.read`: header required, errors name file, line and column) and maps it onto
    /// `items`. A blank category is the category "".
    public static func load(path: String, items: IDMap) throws -> ItemCatalog {
        ItemCatalog(items: items, catalog: try ProductCatalog.read(path: path, requiring: [.category]))
    }

    /// Maps a catalogue's categories and prices onto `items` (a blank category is the category "").
    public init(items: IDMap, catalog: ProductCatalog) {
        self.init(items: items, entries: catalog.products.map {
            Entry(item: $0.item, category: $0.category ?? "", price: $0.price.map { Float($0) })
        })
    }
}
