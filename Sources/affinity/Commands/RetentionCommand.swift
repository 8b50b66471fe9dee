import AffinityChurn
import AffinityData
import AffinityRecommender
import AffinityRetention
import ArgumentParser
import Foundation

/// `affinity retention`: whom to contact, how much is at stake, why, and what to offer.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Build a retention list: churn risk × customer value × offers the customer has not bought, sorted by value at risk.",
        discussion: """
        Risk sources: --churn-model with --customers, --clv with --transactions, or both. Both: value_at_risk = \
        churn_probability × expected_value (CLV). CLV only: churn_probability = 1 − P(alive). Churn model only: \
        expected_value = 1 (one customer), so value_at_risk = churn_probability. Columns: customer_id, churn_probability, \
        tier, expected_value, value_at_risk, reason_1..3, offer_1..K, offer_1_name..offer_K_name, offer_category. \
        --json prints {"customers", "listed", "missing_clv", "popular_fallback", "value_at_risk", "seconds", "output"}.
        """
    )

    @Option(help: "Recommender model from 'affinity train als' or 'affinity train ease' (offers).")
    var recommender: String
    @Option(name: .customLong("churn-model"), help: "Churn model from 'affinity churn train' (needs --customers).")
    var churnModel: String?
    @Option(help: "Customer features to score with --churn-model, e.g. from 'churn features --as-of DAY --unlabelled'.")
    var customers: String?
    @Option(help: "CLV model from 'affinity clv fit' (needs --transactions).")
    var clv: String?
    @Option(help: "Order-line CSV in the online-retail layout: CLV summaries as of its last day, and items never offered back to their buyer.")
    var transactions: String?
    @Option(help: "Dataset preset of --transactions; only online-retail.")
    var preset: String?
    @OptionGroup var horizon: CLVHorizonOptions
    @Option(help: "Product catalogue item,name[,category][,price] (e.g. from 'affinity data catalog'): offer names and offer_category.")
    var catalog: String?
    @Option(help: "List only the N customers with the most value at risk (default: all).")
    var top: Int?
    @Option(help: "Offers per customer; 1...100.")
    var offers: Int = 3
    @Option(name: .shortAndLong, help: "Retention CSV to write (temp file + rename).")
    var output: String
    @Option(help: "Also write the value-at-risk curve (cumulative share of value at risk vs customers contacted) as SVG.")
    var plot: String?
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if (churnModel == nil) != (customers == nil) { throw ValidationError("--churn-model and --customers go together; give both or neither") }
        if clv != nil && transactions == nil { throw ValidationError("--clv needs --transactions FILE (the order lines to summarise)") }
        if churnModel == nil && clv == nil {
            throw ValidationError("give a risk source: --churn-model M --customers F, --clv clv.json --transactions F, or both")
        }
        if preset != nil && transactions == nil { throw ValidationError("--preset describes --transactions; give --transactions FILE") }
        if let transactions {
            do { _ = try transactionOptions(transactions) } catch { throw ValidationError(TransactionOptions.message(for: error)) }
        }
        do { try RetentionConfig(top: top, offers: offers).validate() } catch { throw ValidationError(error.description) }
    }

    /// The shared transaction option group, so --preset is checked and loading reports skipped rows as elsewhere.
    func transactionOptions(_ path: String) throws -> TransactionOptions {
        try TransactionOptions.parse(["--transactions", path] + (preset.map { ["--preset", $0] } ?? []))
    }

    struct Summary: Encodable {
        let customers: Int, listed: Int, missingCLV: Int, popularFallback: Int, valueAtRisk: Double, seconds: Double, output: String
        enum CodingKeys: String, CodingKey {
            case customers, listed, output, seconds
            case missingCLV = "missing_clv", popularFallback = "popular_fallback", valueAtRisk = "value_at_risk"
        }
    }

    func run() throws {
        let clock = ContinuousClock.now
        let log = try transactions.map { try transactionOptions($0).load() }
        let scores = try clv.map { path in
            try CLVModel.load(path: path).score(try CLVSummary.build(log!), horizonDays: horizon.horizonDays,
                                                annualDiscountRate: horizon.annualDiscountRate)
        }
        let churn = try churnModel.map { (model: try ChurnModel.load(path: $0), customers: try CustomerTable.read(path: customers ?? "")) }
        let inputs = RetentionInputs(recommender: try ModelKind.load(path: recommender), churn: churn, clv: scores, purchases: log,
                                     catalog: try catalog.map { try ProductCatalog.read(path: $0) })
        let list = try RetentionList.build(inputs, config: RetentionConfig(top: top, offers: offers))
        try list.write(to: output)
        if let plot { try SVGPlot.write(SVGPlot.valueAtRisk(list.valuesAtRisk), to: plot) }
        let total = list.valuesAtRisk.filter { !$0.isNaN }.reduce(0, +)
        let summary = Summary(customers: list.customers, listed: list.entries.count, missingCLV: list.missingCLV,
                              popularFallback: list.popularFallbacks, valueAtRisk: total,
                              seconds: (ContinuousClock.now - clock).inSeconds, output: output)
        if list.missingCLV > 0 { printError("left out \(list.missingCLV) customers of --customers without a CLV score") }
        if format.json { return try JSONOutput.print(summary) }
        print("customers: \(summary.customers), listed: \(summary.listed), value at risk \(String(format: "%.2f", total)) -> \(output)")
    }
}
