extension ProductCatalog {
    /// Reads a catalogue CSV (plain or .gz) with a header: `item` and the `required` columns must
    /// be there, the other optional columns may be. Errors name file, line and column: a row whose
    /// field count differs from the header, a blank item, an item listed twice, a price that is not
    /// a finite number ≥ 0.
    public static func read(path: String, requiring required: Set<Column> = []) throws -> ProductCatalog {
        let reader = try CSVReader(path: path)
        if reader.header.isEmpty { throw DataError.malformed(file: path, line: 1, column: nil, message: "empty file; expected a header item,name[,category][,price]") }
        let itemCol = try reader.columnIndex("item")
        var present: [Column: Int] = [:]
        for c in Column.allCases {
            present[c] = required.contains(c) ? try reader.columnIndex(c.rawValue) : reader.columnIndexIfPresent(c.rawValue)
        }
        var products: [Product] = []
        var firstLine: [String: Int] = [:]
        try reader.forEachRecord { r in
            guard r.count == reader.header.count else {
                throw DataError.malformed(file: path, line: r.line, column: nil,
                                          message: "expected \(reader.header.count) fields as in the header (\(reader.header.joined(separator: ","))); got \(r.count)")
            }
            let item = try r.utf8(itemCol, name: "item")
            if item.isEmpty { throw r.error(column: itemCol, "blank item; every row needs an item ID") }
            if let line = firstLine[item] { throw r.error(column: itemCol, "item '\(item)' is listed twice (first on line \(line)); keep one row per item") }
            firstLine[item] = r.line
            func text(_ c: Column) throws -> String? {
                guard let i = present[c], !r.isEmpty(i) else { return nil }
                return try r.utf8(i, name: c.rawValue)
            }
            var price: Double?
            if let i = present[.price], !r.isEmpty(i) {
                let p = try r.double(i, name: "price")
                guard p.isFinite, p >= 0 else { throw r.error(column: i, "price must be a finite number ≥ 0; got \(p)") }
                price = p
            }
            products.append(Product(item: item, name: try text(.name), category: try text(.category), price: price))
        }
        return ProductCatalog(products: products, columns: Set(present.keys))
    }

    /// Writes `item` and the catalogue's optional columns (in the order name, category, price)
    /// through `AtomicFile`.
    public func write(to path: String) throws(DataError) {
        let optional = Column.allCases.filter(columns.contains)
        var csv = CSVWriter(header: ["item"] + optional.map(\.rawValue))
        for p in products {
            csv.append([p.item] + optional.map { c in
                switch c {
                case .name: p.name ?? ""
                case .category: p.category ?? ""
                case .price: p.price.map { "\($0)" } ?? ""
                }
            })
        }
        try csv.save(to: path)
    }
}
