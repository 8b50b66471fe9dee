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
    /// Reads a catalog CSV with columns `item,category[,price]` (header required) and maps
    /// it onto `items`. An unparsable price is an error naming file, line and column.
    public static func load(path: String, items: IDMap) throws -> ItemCatalog {
        let reader = try CSVReader(path: path)
        let itemCol = try reader.columnIndex("item"), categoryCol = try reader.columnIndex("category")
        let priceCol = reader.columnIndexIfPresent("price")
        var entries: [Entry] = []
        try reader.forEachRecord { r in
            guard r.count > max(itemCol, categoryCol, priceCol ?? 0) else {
                throw r.error(column: r.count, "expected columns item,category[,price]; got \(r.count) fields")
            }
            let price = try priceCol.flatMap { r.isEmpty($0) ? nil : Float(try r.double($0, name: "price")) }
            entries.append(Entry(item: r.string(itemCol), category: r.string(categoryCol), price: price))
        }
        return ItemCatalog(items: items, entries: entries)
    }
}
