import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity metrics`: customer-base flows per period (and segment) plus survey scores.
struct MetricsCommand: ParsableCommand {
    enum SegmentBy: String, ExpressibleByArgument, CaseIterable { case none, country, rfm }

    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "CX metrics per period: customers at start, new, lost, churn rate, retention rate; NPS, CSAT, CES from a survey CSV.",
        discussion: """
        Definitions (docs/CHURN.md): active from a purchase until --lapse-days pass without another; churn rate = lost / start; \
        retention rate = (end − new) / start × 100; both are null ("—" in text) for warm-up periods (starting less than \
        --lapse-days after the first transaction), partial periods (the data covers part of them) and periods with no \
        active customer at the start. Partial periods are listed, marked, in both tables. NPS = % 9–10 − % 0–6; CSAT = % of 4–5 on 1–5; CES = mean. \
        JSON keys: periods [{period, segment, customers_start, new, reactivated, lost, customers_end, churn_rate, retention_rate, \
        warm_up, partial}], surveys [{period, partial, responses, nps, csat, ces, …}].
        """
    )

    @Option(name: .long, help: "Order-line CSV (Online Retail layout; also the synthetic shop's orders.csv).")
    var transactions: String?
    @Option(name: .long, help: "Dataset preset for --transactions: online-retail only.")
    var preset: String?
    @Option(name: .long, help: "Period: week, month or quarter.")
    var period: PeriodUnit = .month
    @Option(name: .customLong("segment-by"), help: "Also report per segment: none, country or rfm (each customer's RFM segment as of each period's start).")
    var segmentBy: SegmentBy = .none
    @Option(name: .customLong("lapse-days"), help: "Days without a purchase after which a customer counts as lost (1...3650).")
    var lapseDays: Int = 90
    @Option(name: .long, help: "Survey CSV with nps (0–10), csat (1–5) and/or ces (1–7) columns and an optional date column.")
    var surveys: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if transactions == nil && surveys == nil { throw ValidationError("give --transactions F and/or --surveys F") }
        if !(1...3650).contains(lapseDays) { throw ValidationError("--lapse-days must be between 1 and 3650; got \(lapseDays)") }
        if let preset, preset != DatasetPreset.onlineRetail.rawValue { throw ValidationError("--preset must be online-retail; got '\(preset)'") }
    }

    struct Output: Encodable { var periods: [PeriodMetrics]?; var surveys: [SurveyMetrics]? }

    func run() throws {
        var result = Output()
        if let transactions {
            let log = try TransactionLog.read(path: transactions)
            var segmentOf: ((Int32, Int64) -> String)?
            switch segmentBy {
            case .none: segmentOf = nil
            case .country: segmentOf = { [country = CustomerSegments.country(log)] customer, _ in country(customer) }
            case .rfm: segmentOf = CustomerSegments.rfmAtPeriodStarts(log, unit: period)
            }
            result.periods = try PeriodMetrics.compute(log, unit: period, lapseDays: lapseDays, segmentOf: segmentOf)
        }
        if let surveys { result.surveys = try SurveyMetrics.read(path: surveys, unit: period) }
        if output.json { try JSONOutput.print(result) } else { print(MetricsText.render(result.periods ?? [], result.surveys ?? [])) }
    }
}

/// Text tables for `affinity metrics`.
enum MetricsText {
    static func render(_ periods: [PeriodMetrics], _ surveys: [SurveyMetrics]) -> String {
        func num(_ x: Double?, scale: Double = 1, digits: Int = 1) -> String { x.map { String(format: "%.\(digits)f", $0 * scale) } ?? "—" }
        func label(_ period: String, partial: Bool, warmUp: Bool = false) -> String {
            period + (partial ? " (partial)" : warmUp ? " (warm-up)" : "")
        }
        var lines: [String] = []
        if !periods.isEmpty {
            lines.append(TextColumns.row(["period", "segment", "start", "new", "(react)", "lost", "end", "churn%", "retention%"]))
            for p in periods {
                lines.append(TextColumns.row([label(p.period, partial: p.partial, warmUp: p.warmUp), p.segment, String(p.customersStart), String(p.new), String(p.reactivated),
                                              String(p.lost), String(p.customersEnd), num(p.churnRate, scale: 100), num(p.retentionRate)]))
            }
        }
        if !surveys.isEmpty {
            lines.append(TextColumns.row(["survey", "responses", "NPS", "CSAT%", "CES"]))
            for s in surveys {
                lines.append(TextColumns.row([label(s.period, partial: s.partial), String(s.responses), num(s.nps), num(s.csat), num(s.ces, digits: 2)]))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Left-aligned first two columns, right-aligned numbers.
enum TextColumns {
    static func row(_ cells: [String]) -> String {
        cells.enumerated().map { k, c in
            let width = k == 0 ? 21 : (k == 1 ? 20 : 9)
            let pad = String(repeating: " ", count: max(0, width - c.count))
            return k < 2 ? c + pad : pad + c
        }.joined(separator: " ")
    }
}
