import AffinityData
import AffinityTestSupport
import Foundation
import Testing

@Suite struct ProductCatalogTests {
    func write(_ text: String, _ dir: TemporaryDirectory, _ name: String = "items.csv") throws -> String {
        let path = dir.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test func readsColumnsByNameWithBlanksAsNil() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try write("price,item,category,name\n2.5,A,mugs,\"Mug, red\"\n,B,,Card\n", dir)
        let catalog = try ProductCatalog.read(path: path)
        #expect(catalog.columns == [.name, .category, .price])
        #expect(catalog.product("A") == .init(item: "A", name: "Mug, red", category: "mugs", price: 2.5))
        #expect(catalog.product("B") == .init(item: "B", name: "Card", category: nil, price: nil))
        #expect(catalog.hasCategories)
        #expect(catalog.name(of: "Z") == nil)
        // Round trip through the writer.
        let again = dir.path("again.csv")
        try catalog.write(to: again)
        #expect(try ProductCatalog.read(path: again) == catalog)
        #expect(try String(contentsOfFile: again, encoding: .utf8).hasPrefix("item,name,category,price\n"))
    }

    @Test func errorsNameFileLineAndColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let twice = try write("item,name\nA,x\nB,y\nA,z\n", dir, "twice.csv")
        #expect(message { _ = try ProductCatalog.read(path: twice) } == "\(twice):4:1: item 'A' is listed twice (first on line 2); keep one row per item")
        let price = try write("item,name,price\nA,x,cheap\n", dir, "price.csv")
        #expect(message { _ = try ProductCatalog.read(path: price) }.hasPrefix("\(price):2:3:"))
        let negative = try write("item,name,price\nA,x,-1\n", dir, "negative.csv")
        #expect(message { _ = try ProductCatalog.read(path: negative) } == "\(negative):2:3: price must be a finite number ≥ 0; got -1.0")
        let short = try write("item,name\nA,x\nB\n", dir, "short.csv")
        #expect(message { _ = try ProductCatalog.read(path: short) }.hasPrefix("\(short):3: expected 2 fields as in the header"))
        let blank = try write("item,name\n,x\n", dir, "blank.csv")
        #expect(message { _ = try ProductCatalog.read(path: blank) } == "\(blank):2:1: blank item; every row needs an item ID")
        let noItem = try write("sku,name\nA,x\n", dir, "noitem.csv")
        #expect(message { _ = try ProductCatalog.read(path: noItem) }.hasPrefix("\(noItem):1: missing required column 'item'"))
        let noCategory = try write("item,name\nA,x\n", dir, "nocategory.csv")
        #expect(message { _ = try ProductCatalog.read(path: noCategory, requiring: [.category]) }
            .hasPrefix("\(noCategory):1: missing required column 'category'"))
    }

    @Test func onlineRetailTakesTheMostFrequentSaleDescription() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let rows = [
            "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
            "536366,85123A,WHITE HANGING HEART,6,2010-12-01 08:28:00,2.55,17850.0,United Kingdom",
            "536367,85123A,CREAM HANGING HEART,6,2010-12-01 08:30:00,2.95,17850.0,United Kingdom",
            // Adjustments (no sale) write notes; three of them do not outvote two sales.
            "536368,85123A,damaged,-6,2010-12-01 09:00:00,0,,United Kingdom",
            "536369,85123A,damaged,-6,2010-12-01 09:00:00,0,,United Kingdom",
            "536370,85123A,damaged,-6,2010-12-01 09:00:00,0,,United Kingdom",
            // An item without a sale line takes its most frequent note; a blank description names nothing.
            "536371,99999,found,1,2010-12-01 09:00:00,0,,United Kingdom",
            "536372,88888,,1,2010-12-01 09:00:00,0,,United Kingdom",
        ]
        let path = try write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + rows.joined(separator: "\n") + "\n", dir, "orders.csv")
        let catalog = try ProductCatalog.onlineRetail(path: path)
        #expect(catalog.products.map(\.item) == ["85123A", "99999", "88888"])
        #expect(catalog.product("85123A") == .init(item: "85123A", name: "WHITE HANGING HEART", price: 2.55))
        #expect(catalog.product("99999") == .init(item: "99999", name: "found", price: nil))
        #expect(catalog.product("88888") == .init(item: "88888", name: nil, price: nil))
        #expect(catalog.columns == [.name, .price])
    }
}
