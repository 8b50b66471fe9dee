import Foundation

extension ProductCatalog {
    /// The catalogue of an order-line file in the Online Retail layout (`StockCode`, `Description`,
    /// `Quantity`, `UnitPrice`): one product per StockCode, in order of first appearance.
    /// - name: the Description written most often on the item's sale lines (Quantity > 0 and
    ///   UnitPrice > 0), ties to the alphabetically first; an item without a sale line takes the most
    ///   frequent non-blank Description of any of its lines (the dataset's stock adjustments write
    ///   notes such as "damaged" there), and stays blank when it has none.
    /// - price: the UnitPrice its sale lines carry most often (ties to the lower), blank without a sale line.
    /// - no category: the file has none, and a StockCode prefix is not one.
    public static func onlineRetail(path: String) throws -> ProductCatalog {
        let reader = try CSVReader(path: path)
        let itemCol = try reader.columnIndex("StockCode"), nameCol = try reader.columnIndex("Description")
        let quantityCol = try reader.columnIndex("Quantity"), priceCol = try reader.columnIndex("UnitPrice")
        var order: [String] = []
        var names: [String: [String: (sales: Int, any: Int)]] = [:]
        var prices: [String: [Double: Int]] = [:]
        try reader.forEachRecord { r in
            guard r.count == reader.header.count else {
                throw DataError.malformed(file: path, line: r.line, column: nil,
                                          message: "expected \(reader.header.count) fields as in the header; got \(r.count)")
            }
            let item = try r.utf8(itemCol, name: "StockCode")
            if item.isEmpty { return }
            if names[item] == nil { order.append(item); names[item] = [:] }
            let quantity = try r.double(quantityCol, name: "Quantity"), price = try r.double(priceCol, name: "UnitPrice")
            let sale = quantity > 0 && price > 0
            if sale { prices[item, default: [:]][price, default: 0] += 1 }
            let name = try r.utf8(nameCol, name: "Description").trimmingCharacters(in: .whitespaces)
            if name.isEmpty { return }
            names[item]?[name, default: (0, 0)].any += 1
            if sale { names[item]?[name]?.sales += 1 }
        }
        let products = order.map { item in
            let name = names[item]?.max { a, b in (a.value.sales, a.value.any, b.key) < (b.value.sales, b.value.any, a.key) }?.key
            let price = prices[item]?.max { a, b in (a.value, b.key) < (b.value, a.key) }?.key
            return Product(item: item, name: name, price: price)
        }
        return ProductCatalog(products: products, columns: [.name, .price])
    }
}
