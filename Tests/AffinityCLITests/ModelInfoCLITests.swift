import AffinityTestSupport
import Foundation
import Testing

/// `affinity model info MODEL` offline (issue 17, item 16).
@Suite struct ModelInfoCLITests {
    let cli = CLIRunner()

    @Test func alsModelInfoShowsHyperparametersSizesWatermarkAndFingerprint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let model = dir.path("m.affinity")
        let t = try cli.run(["train", "als", "--input", shop, "--factors", "4", "--iterations", "2", "--threads", "1",
                             "--regularization", "0.5", "--output", model])
        try #require(t.exitCode == 0, "\(t.stderr)")
        let r = try cli.run(["model", "info", model, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(info["kind"] as? String == "als" && info["path"] as? String == model)
        let hyper = info["hyperparameters"] as? [String: Any], sizes = info["sizes"] as? [String: Any]
        let training = try #require(info["training"] as? [String: Any])
        #expect(hyper?["factors"] as? Int == 4 && hyper?["iterations"] as? Int == 2 && hyper?["regularization"] as? Double == 0.5)
        #expect(hyper?["cg_steps"] is NSNull || hyper?["cg_steps"] is Int)
        let rows = try String(contentsOfFile: shop, encoding: .utf8).split(separator: "\n").dropFirst()
        let users = Set(rows.map { $0.split(separator: ",")[0] }), items = Set(rows.map { $0.split(separator: ",")[1] })
        let latest = rows.map { Int($0.split(separator: ",")[3])! }.max()!
        #expect(sizes?["users"] as? Int == users.count && sizes?["items"] as? Int == items.count)
        #expect(sizes?["factor_bytes"] as? Int == (users.count + items.count) * 4 * 4)
        #expect(training["training_watermark"] as? Int == latest)
        #expect(training["training_event_sequence"] is NSNull)
        let fingerprint = try #require(training["dataset_fingerprint"] as? String)
        #expect((1...16).contains(fingerprint.count) && fingerprint.allSatisfy(\.isHexDigit), "\(fingerprint)")
        let text = try cli.run(["model", "info", model])
        #expect(text.exitCode == 0 && text.stdout.contains("kind: als") && text.stdout.contains("  factors: 4")
                && text.stdout.contains("  dataset_fingerprint: \(fingerprint)") && text.stdout.contains("  training_event_sequence: —"),
                "\(text.stdout)")
    }

    @Test func churnModelInfoAndForeignFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try dir.write("c.csv", customersCSV(rows: 200))
        let model = dir.path("m.json")
        let t = try cli.run(["churn", "train", "--input", data, "--label", "churned", "--output", model])
        try #require(t.exitCode == 0, "\(t.stderr)")
        let r = try cli.run(["model", "info", model, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(info["kind"] as? String == "churn-logistic")
        #expect((info["sizes"] as? [String: Any])?["train_rows"] as? Int == 200)
        #expect((info["sizes"] as? [String: Any])?["features"] as? Int == 3, "tenure, plan, autopay")
        let foreign = try cli.run(["model", "info", data])
        #expect(foreign.exitCode != 0 && foreign.stderr.contains("c.csv: not a model file"), "\(foreign.stderr)")
        let missing = try cli.run(["model", "info", dir.path("nope.affinity")])
        #expect(missing.exitCode != 0 && missing.stderr.contains("nope.affinity: cannot read the file"), "\(missing.stderr)")
    }
}
