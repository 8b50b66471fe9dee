import AffinityTestSupport
import Foundation
import Testing

@Suite struct ChurnAutoCLITests {
    let cli = CLIRunner()

    @Test func autoFeaturesTrainScoreAndGainsPlot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = dir.path("n.csv")
        let synth = try cli.run(["churn", "synth", "--nonlinear", "--rows", "3000", "--seed", "3", "--output", data])
        #expect(synth.exitCode == 0, "\(synth.stderr)")
        let header = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").first
        #expect(header == "customer_id,age,tenure_months,products,monthly_spend,support_calls,contract,region,churned")
        let model = dir.path("m.json")
        let train = try cli.run(["churn", "train", "--input", data, "--features", "auto", "--bins", "8", "--interactions", "4",
                                 "--no-reason", "region", "--no-reason", "contract", "--output", model])
        #expect(train.exitCode == 0 && train.stderr.contains("--features auto:"), "\(train.stderr)")
        let eval = try cli.run(["churn", "evaluate", "--model", model, "--input", data, "--plots", dir.path("plots")])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        let gains = try String(contentsOfFile: dir.path("plots/gains.svg"), encoding: .utf8)
        #expect(gains.contains("Cumulative gains") && gains.contains("lift at 10%"))
        let calibration = try String(contentsOfFile: dir.path("plots/calibration.svg"), encoding: .utf8)
        #expect(calibration.contains("n=300"))
        let score = try cli.run(["churn", "score", "--model", model, "--input", data])
        #expect(score.exitCode == 0, "\(score.stderr)")
        #expect(score.stdout.contains("age ≥ ") || score.stdout.contains("age ≤ "), "reasons name age bins")
        #expect(!score.stdout.contains("region") && !score.stdout.contains("contract"))
    }

    @Test(arguments: [
        (["--features", "auto", "--bins", "1"], "--bins must be between 2 and 100; got 1"),
        (["--features", "auto", "--interactions", "101"], "--interactions must be between 0 and 100; got 101"),
        (["--bins", "5"], "--bins and --interactions apply to --features auto"),
        (["--no-reason", "nope"], "nope"),
    ])
    func badAutoOptions(flags: [String], message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try dir.write("c.csv", customersCSV(rows: 200))
        let r = try cli.run(["churn", "train", "--input", data, "--output", dir.path("m.json")] + flags)
        #expect(r.exitCode != 0 && r.stderr.contains(message), "\(r.stderr)")
    }
}
