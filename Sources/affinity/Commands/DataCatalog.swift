import AffinityData
import ArgumentParser

/// `affinity data catalog --preset online-retail FILE --output items.csv`: product names from order lines.
struct DataCatalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Write a product catalogue (item,name,price) from an order-line file, for 'retention --catalog' and 'serve --catalog'.",
        discussion: """
        online-retail: one row per StockCode; name = the Description most often on its sale lines (Quantity > 0, \
        UnitPrice > 0), price = the UnitPrice most often on them. No category column: the file has none.
        """
    )

    @Argument(help: "Order-line CSV (.csv or .csv.gz) in the preset's layout.")
    var file: String
    @Option(help: "Dataset preset; only online-retail.")
    var preset: String
    @Option(name: .shortAndLong, help: "Catalogue CSV to write (temp file + rename).")
    var output: String

    func validate() throws {
        if preset != DatasetPreset.onlineRetail.rawValue {
            throw ValidationError("--preset must be online-retail (the only order-line layout with product descriptions); got '\(preset)'")
        }
    }

    func run() throws {
        let catalog = try ProductCatalog.onlineRetail(path: file)
        try catalog.write(to: output)
        let named = catalog.products.filter { $0.name != nil }.count
        print("items: \(catalog.products.count), named: \(named) -> \(output)")
    }
}
