import AffinityData
import ArgumentParser

/// `affinity generate`: writes the deterministic synthetic shop.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the synthetic shop: interactions, items, orders, customers and surveys (CSV).",
        discussion: "The same --users, --items, --days and --seed always give byte-identical files. Formats: docs/FORMATS.md."
    )

    @Option(name: .long, help: "Output directory (created when missing).")
    var out: String = "datasets/synthetic"

    @Option(name: .long, help: "Number of customers, \(SyntheticShopConfig.userRange.lowerBound)...\(SyntheticShopConfig.userRange.upperBound).")
    var users: Int = 2000

    @Option(name: .long, help: "Number of items, \(SyntheticShopConfig.itemRange.lowerBound)...\(SyntheticShopConfig.itemRange.upperBound).")
    var items: Int = 500

    @Option(name: .long, help: "Length of the simulated period in days, \(SyntheticShopConfig.dayRange.lowerBound)...\(SyntheticShopConfig.dayRange.upperBound).")
    var days: Int = 182

    @Option(name: .long, help: "Random seed; the same seed gives the same shop.")
    var seed: UInt64 = 42

    @OptionGroup var output: OutputOptions

    var config: SyntheticShopConfig { SyntheticShopConfig(users: users, items: items, seed: seed, days: days) }

    func validate() throws {
        do { try config.validate() } catch let error as DataError { throw ValidationError("--\(error.description)") }
    }

    func run() throws {
        let shop = try SyntheticShop(config: config)
        let paths = try shop.write(to: out)
        let summary = GenerateSummary(out: out, files: paths, users: users, items: items, events: shop.events.count,
                                      orderLines: shop.orders.count, surveys: shop.surveys.count,
                                      churned: shop.customers.filter(\.churned).count)
        if output.json {
            try JSONOutput.print(summary)
        } else {
            print("wrote \(paths.count) files to \(out): \(summary.events) events, \(summary.orderLines) order lines, "
                  + "\(users) customers (\(summary.churned) churned), \(summary.surveys) survey answers")
        }
    }
}

/// `affinity generate --json` output.
struct GenerateSummary: Encodable {
    var out: String
    var files: [String]
    var users: Int
    var items: Int
    var events: Int
    var orderLines: Int
    var surveys: Int
    var churned: Int

    enum CodingKeys: String, CodingKey {
        case out, files, users, items, events, surveys, churned
        case orderLines = "order_lines"
    }
}
