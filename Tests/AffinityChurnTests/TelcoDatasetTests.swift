@testable import AffinityChurn
import AffinityTestSupport
import Testing

@Suite("IBM Telco (shared dataset)")
struct TelcoDatasetTests {
    @Test("a stratified 80/20 split trains to the published AUC range and converges")
    func telcoAUC() throws {
        guard let path = SharedDatasets.file("telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv") else { return }
        let table = try CustomerTable.read(path: path)
        let (train, test) = try StratifiedSplit.split(table, label: "Churn", testFraction: 0.2, seed: 42)
        let result = try ChurnTrainer.train(train, options: .init(features: FeatureOptions(label: "Churn")))
        #expect(result.report.converged && result.report.warnings.isEmpty)
        #expect(result.model.encoder.idColumn == "customerID")
        let kinds = Dictionary(uniqueKeysWithValues: result.model.encoder.features.map { ($0.name, $0.kind) })
        #expect(kinds["SeniorCitizen"] == .boolean && kinds["TotalCharges"] == .numeric && kinds["Contract"] == .categorical)
        let scores = try result.model.score(table: test)
        let labels = test.rows.map { ChurnLabel.parse($0[test.header.firstIndex(of: "Churn")!])! }
        let auc = ClassificationMetrics.auc(scores.map(\.probability), labels)
        #expect(auc > 0.82 && auc < 0.87, "AUC \(auc)")
    }
}
