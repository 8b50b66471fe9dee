import AffinityTestSupport
import Foundation
import Testing

private struct FitJSON: Decodable {
    struct BGNBD: Decodable { var r, alpha, a, b: Double }
    struct GammaGamma: Decodable { var p, q, v: Double }
    var customers: Int
    var fit_seconds: Double
    var log_likelihood: Double
    var bgnbd: BGNBD
    var gamma_gamma: GammaGamma
    var nbd_limit: Bool
    var calibration_end: String
}

private struct EvaluateJSON: Decodable {
    struct Bin: Decodable { var count: Int; var mean_predicted: Double; var observed_rate: Double }
    var customers: Int
    var mae: Double
    var rmse: Double
    var correlation: Double
    var calibration: [Bin]
}

@Suite struct CLVCLITests {
    let cli = CLIRunner()

    @Test("fit, score and evaluate on the synthetic shop's orders.csv")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let gen = try cli.run(["generate", "--out", dir.path("shop"), "--users", "300", "--items", "60", "--seed", "9"])
        #expect(gen.exitCode == 0, "\(gen.stderr)")
        let orders = dir.path("shop/orders.csv"), model = dir.path("clv.json")
        let fit = try cli.run(["clv", "fit", "--transactions", orders, "--preset", "online-retail", "--calibration-end", "2025-05-01",
                               "--output", model, "--summary-output", dir.path("summary.csv"), "--json"])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        let f = try JSONDecoder().decode(FitJSON.self, from: Data(fit.stdout.utf8))
        #expect(f.customers > 50 && f.fit_seconds >= 0 && f.log_likelihood < 0 && f.calibration_end == "2025-05-01")
        #expect(f.bgnbd.r > 0 && f.bgnbd.alpha > 0 && f.gamma_gamma.q > 0 && f.nbd_limit == (f.bgnbd.a == 0))
        let summary = try String(contentsOfFile: dir.path("summary.csv"), encoding: .utf8).split(separator: "\n")
        #expect(summary.first == "customer_id,frequency,recency,T,monetary" && summary.count == f.customers + 1)

        let score = try cli.run(["clv", "score", "--model", model, "--transactions", orders, "--horizon-days", "60",
                                 "--annual-discount-rate", "0.05", "--output", dir.path("scores.csv")])
        #expect(score.exitCode == 0, "\(score.stderr)")
        let lines = try String(contentsOfFile: dir.path("scores.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_value")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count >= f.customers, "scored as of the data end: at least the calibration customers")
        for row in rows {
            let pAlive = Double(row[5])!, purchases = Double(row[6])!, value = Double(row[7])!
            #expect((0...1).contains(pAlive) && purchases >= 0 && value >= 0, "\(row)")
            if row[1] == "0" { #expect(pAlive == 1) }
        }

        let eval = try cli.run(["clv", "evaluate", "--model", model, "--transactions", orders, "--holdout-end", "2025-06-25", "--json"])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        let e = try JSONDecoder().decode(EvaluateJSON.self, from: Data(eval.stdout.utf8))
        #expect(e.customers == f.customers && e.mae >= 0 && e.rmse >= e.mae && e.calibration.count == 10)
        #expect(e.calibration.map(\.count).reduce(0, +) == e.customers)
    }

    @Test(arguments: [
        (["score", "--horizon-days", "0"], "--horizon-days must be between 1 and 3650; got 0"),
        (["score", "--annual-discount-rate", "2"], "--annual-discount-rate must be between 0 and 1; got 2.0"),
        (["fit", "--calibration-end", "soon"], "--calibration-end must be a date like 2011-09-09; got 'soon'"),
        (["evaluate", "--holdout-end", "2011-13-45"], "--holdout-end must be a date"),
        (["fit", "--preset", "online-retail", "--customer-col", "cust"], "--preset and the --*-col flags are alternatives"),
        (["fit", "--preset", "movielens"], "--preset must be online-retail"),
    ])
    func badValuesNameTheFlag(arguments: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let extra: [String] = switch arguments[0] {
        case "fit": ["--output", dir.path("m.json")]
        case "score": ["--model", dir.path("m.json"), "--output", dir.path("s.csv")]
        default: ["--model", dir.path("m.json")]
        }
        let r = try cli.run(["clv"] + arguments + ["--transactions", dir.path("t.csv")] + extra)
        #expect(r.exitCode == 64, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
    }

    @Test("column flags read an order file in another layout; a missing column is named")
    func columnFlags() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var lines = ["order,sku,qty,when,price,cust"]
        for c in 0..<40 {
            for k in 0..<(1 + c % 4) { lines.append("o\(c)-\(k),S\(k),\(1 + k),2011-0\(1 + k)-\(10 + c % 9) 10:00:00,\(2.5 + Double(c % 5)),\(c)") }
        }
        let path = try dir.write("o.csv", lines.joined(separator: "\n") + "\n")
        let cols = ["--customer-col", "cust", "--invoice-col", "order", "--date-col", "when", "--quantity-col", "qty",
                    "--price-col", "price", "--item-col", "sku", "--country-col", ""]
        let fit = try cli.run(["clv", "fit", "--transactions", path, "--output", dir.path("m.json"), "--json"] + cols)
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        #expect(try JSONDecoder().decode(FitJSON.self, from: Data(fit.stdout.utf8)).customers == 40)
        let missing = try cli.run(["clv", "fit", "--transactions", path, "--output", dir.path("m.json")])
        #expect(missing.exitCode != 0 && missing.stderr.contains("CustomerID"), "\(missing.stderr)")
    }
}
