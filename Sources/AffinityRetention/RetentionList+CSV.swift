public import AffinityData
import AffinityChurn
import Foundation

extension RetentionList {
    /// `customer_id, churn_probability, tier, expected_value, value_at_risk, reason_1, reason_2, reason_3,
    /// offer_1 … offer_K, offer_1_name … offer_K_name, offer_category`.
    public var header: [String] {
        ["customer_id", "churn_probability", "tier", "expected_value", "value_at_risk", "reason_1", "reason_2", "reason_3"]
            + (1...offerCount).map { "offer_\($0)" } + (1...offerCount).map { "offer_\($0)_name" } + ["offer_category"]
    }

    /// One CSV row per entry; blank cells where there is nothing (fewer offers, no name, NaN value).
    public var rows: [[String]] {
        entries.map { e in
            func cell(_ v: Double, _ format: String) -> String { v.isNaN ? "" : String(format: format, v) }
            func padded(_ cells: [String], _ n: Int) -> [String] { (0..<n).map { $0 < cells.count ? cells[$0] : "" } }
            return [e.customerID, cell(e.risk.churnProbability, "%.4f"), e.tier.rawValue,
                    cell(e.risk.expectedValue, "%.2f"), cell(e.risk.valueAtRisk, "%.4f")]
                + padded(e.reasons.map(\.cell), 3)
                + padded(e.offers.offers.map(\.item), offerCount)
                + padded(e.offers.offers.map { $0.name ?? "" }, offerCount)
                + [e.offers.category ?? ""]
        }
    }

    /// Writes the CSV through `AtomicFile` (temporary file, fsync, rename).
    public func write(to path: String) throws(DataError) {
        var csv = CSVWriter(header: header)
        for row in rows { csv.append(row) }
        try csv.save(to: path)
    }
}
