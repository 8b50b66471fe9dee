import AffinityTestSupport
import Foundation
import Testing

private struct RetentionJSON: Decodable {
    var customers: Int
    var listed: Int
    var missing_clv: Int
    var value_at_risk: Double
    var output: String
}

@Suite struct RetentionCLITests {
    let cli = CLIRunner()

    /// The README's pipeline on the synthetic shop: catalogue, churn features as of the last day, churn model,
    /// CLV, recommender, retention list (both risk sources) with the value-at-risk curve.
    @Test func endToEndOnTheSyntheticShop() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let orders = dir.path("shop/orders.csv")
        let steps: [[String]] = [
            ["generate", "--out", dir.path("shop"), "--users", "200", "--items", "40", "--seed", "5"],
            ["data", "catalog", "--preset", "online-retail", orders, "--output", dir.path("names.csv")],
            ["churn", "features", "--transactions", orders, "--horizon-days", "30", "--output", dir.path("train.csv")],
            ["churn", "train", "--input", dir.path("train.csv"), "--output", dir.path("churn.json")],
            ["churn", "features", "--transactions", orders, "--unlabelled", "--output", dir.path("today.csv")],
            ["clv", "fit", "--transactions", orders, "--output", dir.path("clv.json")],
            ["train", "ease", "--input", dir.path("shop/interactions.csv"), "--output", dir.path("shop.affinity")],
        ]
        for step in steps {
            let r = try cli.run(step)
            #expect(r.exitCode == 0, "affinity \(step.joined(separator: " ")): \(r.stderr)")
        }
        let names = try String(contentsOfFile: dir.path("names.csv"), encoding: .utf8)
        #expect(names.hasPrefix("item,name,price\n"))
        let r = try cli.run(["retention", "--recommender", dir.path("shop.affinity"), "--churn-model", dir.path("churn.json"),
                             "--customers", dir.path("today.csv"), "--clv", dir.path("clv.json"), "--transactions", orders,
                             "--catalog", dir.path("names.csv"), "--offers", "2", "--output", dir.path("retention.csv"),
                             "--plot", dir.path("var.svg"), "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let summary = try JSONDecoder().decode(RetentionJSON.self, from: Data(r.stdout.utf8))
        #expect(summary.listed == summary.customers && summary.customers > 50)
        let lines = try String(contentsOfFile: dir.path("retention.csv"), encoding: .utf8).split(separator: "\n")
        let header = ["customer_id", "churn_probability", "tier", "expected_value", "value_at_risk", "reason_1", "reason_2", "reason_3",
                      "offer_1", "offer_2", "offer_1_name", "offer_2_name", "offer_category"]
        #expect(lines.first.map { $0.split(separator: ",").map(String.init) } == header)
        #expect(lines.count == summary.customers + 1)
        #expect(try String(contentsOfFile: dir.path("var.svg"), encoding: .utf8).contains("<polyline"))
    }

    @Test func flagsAreChecked() throws {
        let cases: [([String], String)] = [
            (["--recommender", "m", "--output", "o.csv"], "give a risk source"),
            (["--recommender", "m", "--churn-model", "c.json", "--output", "o.csv"], "--churn-model and --customers go together"),
            (["--recommender", "m", "--clv", "clv.json", "--output", "o.csv"], "--clv needs --transactions"),
            (["--recommender", "m", "--clv", "clv.json", "--transactions", "t.csv", "--offers", "0", "--output", "o.csv"],
             "--offers must be between 1 and 100; got 0"),
            (["--recommender", "m", "--clv", "clv.json", "--transactions", "t.csv", "--preset", "movielens", "--output", "o.csv"],
             "--preset must be online-retail"),
        ]
        for (args, message) in cases {
            let r = try cli.run(["retention"] + args)
            #expect(r.exitCode == 64, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let catalog = try cli.run(["data", "catalog", "--preset", "lastfm", "x.csv", "--output", "o.csv"])
        #expect(catalog.exitCode == 64 && catalog.stderr.contains("--preset must be online-retail"))
    }
}
