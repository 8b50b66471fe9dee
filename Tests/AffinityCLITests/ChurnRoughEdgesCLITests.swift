import AffinityTestSupport
import Foundation
import Testing

/// Churn commands where a new user was misled (issue 17, items 12 and 20).
@Suite struct ChurnRoughEdgesCLITests {
    let cli = CLIRunner()

    /// The rows of `customersCSV` whose label is `label`, as a one-class table.
    func oneClass(_ label: String, rows: Int = 200) -> String {
        let lines = customersCSV(rows: rows).split(separator: "\n")
        return ([lines[0]] + lines.dropFirst().filter { $0.hasSuffix(",\(label)") }).joined(separator: "\n") + "\n"
    }

    @Test func oneClassTestSetGivesNullAUCWithAWarning() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let train = try dir.write("train.csv", customersCSV(rows: 300))
        let test = try dir.write("test.csv", oneClass("No"))
        let model = dir.path("m.json")
        let t = try cli.run(["churn", "train", "--train", train, "--test", test, "--label", "churned", "--output", model, "--json"])
        #expect(t.exitCode == 0, "\(t.stderr)")
        let trained = try #require(try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any])
        #expect(trained["auc"] is NSNull && trained["log_loss"] is NSNumber, "\(t.stdout)")
        #expect(t.stderr.contains("warning: \(test): auc is undefined"), "\(t.stderr)")
        #expect(FileManager.default.fileExists(atPath: model))
        let e = try cli.run(["churn", "evaluate", "--model", model, "--input", test, "--json"])
        #expect(e.exitCode == 0, "\(e.stderr)")
        let evaluated = try #require(try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as? [String: Any])
        #expect(evaluated["auc"] is NSNull && (evaluated["positives"] as? Int) == 0, "\(e.stdout)")
        #expect(e.stderr.contains("only one class"), "\(e.stderr)")
        let text = try cli.run(["churn", "evaluate", "--model", model, "--input", test, "--plots", dir.path("plots")])
        #expect(text.exitCode == 0 && text.stdout.contains("auc: n/a"), "\(text.stdout)")
        let roc = try String(contentsOfFile: dir.path("plots/roc.svg"), encoding: .utf8)
        #expect(roc.contains("AUC n/a") && !roc.contains("nan"))
    }

    /// One rule for CSV and JSON: an absent feature (column or field) is an error naming it; a blank
    /// cell or a null value is a missing value, filled in as at training.
    @Test func missingFeatureIsAnErrorInJSONAsInCSV() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = dir.path("m.json")
        let data = try dir.write("c.csv", customersCSV(rows: 300))
        let t = try cli.run(["churn", "train", "--input", data, "--label", "churned", "--id", "customer_id", "--output", model])
        try #require(t.exitCode == 0, "\(t.stderr)")
        let json = try cli.run(["churn", "score", "--model", model, "--customer", #"{"tenure": 3, "plan": "basic"}"#])
        #expect(json.exitCode != 0 && json.stderr.contains("missing field 'autopay'"), "\(json.stderr)")
        let partial = try dir.write("s.csv", "customer_id,tenure,plan\nX,3,basic\n")
        let csv = try cli.run(["churn", "score", "--model", model, "--input", partial])
        #expect(csv.exitCode != 0 && csv.stderr.contains("missing required column 'autopay'"), "\(csv.stderr)")
        let null = try cli.run(["churn", "score", "--model", model, "--customer", #"{"tenure": null, "plan": "basic", "autopay": "No"}"#])
        #expect(null.exitCode == 0, "\(null.stderr)")
        let blanks = try dir.write("b.csv", "customer_id,tenure,plan,autopay\nX,,basic,No\n")
        let blank = try cli.run(["churn", "score", "--model", model, "--input", blanks])
        #expect(blank.exitCode == 0, "\(blank.stderr)")
        let fromJSON = try JSONSerialization.jsonObject(with: Data(null.stdout.utf8)) as? [String: Any]
        let probability = try #require(fromJSON?["probability"] as? Double)
        let fromCSV = try #require(Double(blank.stdout.split(separator: "\n")[1].split(separator: ",")[1]))
        #expect(abs(probability - fromCSV) < 1e-4, "the CSV prints 4 decimals")
    }

    @Test func failedTrainLeavesNoModel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let train = try dir.write("train.csv", customersCSV(rows: 300))
        // The test table lacks a feature column, so scoring it fails after the fit.
        let test = try dir.write("test.csv", "customer_id,tenure,churned\nC1,3,Yes\nC2,40,No\n")
        let model = dir.path("m.json")
        let r = try cli.run(["churn", "train", "--train", train, "--test", test, "--label", "churned", "--output", model, "--json"])
        #expect(r.exitCode != 0 && r.stderr.contains("test.csv"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model), "a failed train left \(model) behind")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["test.csv", "train.csv"])
    }
}
