import AffinityChurn
import AffinityProtocol
import Foundation
import Testing
@testable import AffinityServer

/// The server's churn replies carry a binned model's reasons in words (`label`), exactly as the library
/// words them, and a plain model's replies keep their old shape (no `label` key).
@Suite struct ChurnReasonLabelTests {
    static func table(rows: Int) -> CustomerTable {
        var cells: [[String]] = []
        let synth = SyntheticCustomers(rows: rows, features: 0, seed: 3, nonlinear: true)
        synth.forEachRow { cells.append($0) }
        return CustomerTable(source: "synth", header: synth.header, rows: cells)
    }

    static func scorer(auto: AutoFeatures?) throws -> ChurnModelScorer {
        let options = ChurnTrainer.Options(features: FeatureOptions(label: "churned", id: "customer_id", auto: auto))
        return ChurnModelScorer(model: try ChurnTrainer.train(table(rows: 2_000), options: options).model, path: "churn.json")
    }

    static func customers(_ n: Int) -> [[String: String]] {
        let t = table(rows: n)
        return t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
    }

    @Test func aBinnedModelsReasonsCarryTheLibrarysWords() throws {
        let scorer = try Self.scorer(auto: AutoFeatures(bins: 5, interactions: 0))
        // Numeric columns are binned, so their reasons have words; categorical ones (contract, region) don't need them.
        let numeric: Set = ["age", "tenure_months", "products", "monthly_spend", "support_calls"]
        var labelled = 0
        for customer in Self.customers(20) {
            let served = try scorer.score(customer: customer)
            let library = try scorer.model.score(customer: customer)
            #expect(served.reasons.map(\.label) == library.reasons.map(\.label))
            for r in served.reasons where numeric.contains(r.feature) {
                #expect(r.label?.isEmpty == false, "\(r.feature) = \(r.value) has no words")
                labelled += 1
            }
        }
        #expect(labelled > 0)
    }

    @Test func aPlainModelsReasonsHaveNoLabelKey() throws {
        let scorer = try Self.scorer(auto: nil)
        let served = try scorer.score(customer: Self.customers(1)[0])
        #expect(served.reasons.allSatisfy { $0.label == nil })
        let json = String(decoding: try JSONEncoder().encode(served), as: UTF8.self)
        #expect(!json.contains("\"label\""), "\(json)")
    }
}
