/// Product names, categories and prices by item ID: the catalogue file `item,name[,category][,price]`
/// (`affinity data catalog` writes it; `affinity retention --catalog` and `affinity serve --catalog` read it).
/// Columns are found by header name, in any order; `ItemCatalog` reads the same file for category filters.
public struct ProductCatalog: Sendable, Equatable {
    /// One catalogue row. Blank cells are nil.
    public struct Product: Sendable, Equatable {
        public var item: String
        public var name: String?
        public var category: String?
        public var price: Double?

        public init(item: String, name: String? = nil, category: String? = nil, price: Double? = nil) {
            self.item = item
            self.name = name
            self.category = category
            self.price = price
        }
    }

    /// The optional columns a reader can require.
    public enum Column: String, Sendable, CaseIterable {
        case name, category, price
    }

    /// Rows in file order, one per item.
    public private(set) var products: [Product]
    /// Which optional columns the file has.
    public private(set) var columns: Set<Column>
    private var index: [String: Int]

    /// Builds a catalogue from products (item IDs must be distinct; a repeated one keeps the first).
    public init(products: [Product], columns: Set<Column>) {
        self.products = []
        self.columns = columns
        index = [:]
        for p in products where index[p.item] == nil {
            index[p.item] = self.products.count
            self.products.append(p)
        }
    }

    /// True when the file has a category column with at least one category.
    public var hasCategories: Bool { products.contains { $0.category != nil } }

    public func product(_ item: String) -> Product? { index[item].map { products[$0] } }
    public func name(of item: String) -> String? { product(item)?.name }
    public func category(of item: String) -> String? { product(item)?.category }
}
