import AffinityTestSupport
import Foundation
import Testing

/// A small labelled customer CSV with a planted signal (deterministic LCG, no RNG state shared); also used by ChurnRoughEdgesCLITests.
func customersCSV(rows n: Int) -> String {
    var state: UInt64 = 12345
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var lines = ["customer_id,tenure,plan,autopay,churned"]
    for i in 0..<n {
        let tenure = Int(next() * 60), plan = ["basic", "plus", "pro"][Int(next() * 3)], autopay = next() < 0.5
        let z = 1.0 - 0.07 * Double(tenure) + (plan == "basic" ? 0.9 : 0) - (autopay ? 0.8 : 0)
        let churned = next() < 1 / (1 + exp(-z))
        lines.append("C\(i),\(tenure),\(plan),\(autopay ? "Yes" : "No"),\(churned ? "Yes" : "No")")
    }
    return lines.joined(separator: "\n") + "\n"
}

private struct TrainJSON: Decodable {
    var fit_seconds: Double
    var iterations: Int
    var converged: Bool
    var auc: Double?
    var log_loss: Double?
    var brier: Double?
    var accuracy: Double?
    var rows: Int?
}

private struct EvaluateJSON: Decodable {
    var auc: Double
    var log_loss: Double
    var brier: Double
    var accuracy: Double
    var rows: Int
}

@Suite struct ChurnCLITests {
    let cli = CLIRunner()

    @Test func trainEvaluateScoreRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try dir.write("c.csv", customersCSV(rows: 500))
        let split = try cli.run(["churn", "split", "--input", data, "--label", "churned", "--train-output", dir.path("tr.csv"),
                                 "--test-output", dir.path("te.csv"), "--seed", "7"])
        #expect(split.exitCode == 0, "\(split.stderr)")
        let model = dir.path("m.json")
        let train = try cli.run(["churn", "train", "--train", dir.path("tr.csv"), "--test", dir.path("te.csv"),
                                 "--label", "churned", "--output", model, "--json"])
        #expect(train.exitCode == 0, "\(train.stderr)")
        let t = try JSONDecoder().decode(TrainJSON.self, from: Data(train.stdout.utf8))
        #expect(t.converged && t.iterations > 0 && t.fit_seconds >= 0)
        #expect(t.rows == 100 && (t.auc ?? 0) > 0.7 && t.log_loss != nil && t.brier != nil && t.accuracy != nil)
        let eval = try cli.run(["churn", "evaluate", "--model", model, "--input", dir.path("te.csv"), "--json",
                                "--plots", dir.path("plots")])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        let e = try JSONDecoder().decode(EvaluateJSON.self, from: Data(eval.stdout.utf8))
        #expect(e.rows == 100 && abs(e.auc - (t.auc ?? 0)) < 1e-12)
        #expect(FileManager.default.fileExists(atPath: dir.path("plots/roc.svg")))
        #expect(FileManager.default.fileExists(atPath: dir.path("plots/calibration.svg")))
        let score = try cli.run(["churn", "score", "--model", model, "--input", dir.path("te.csv"), "--output", dir.path("s.csv")])
        #expect(score.exitCode == 0, "\(score.stderr)")
        let lines = try String(contentsOfFile: dir.path("s.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "customer_id,probability,tier,reason_1,reason_2,reason_3" && lines.count == 101)
        let probabilities = lines.dropFirst().map { Double($0.split(separator: ",")[1])! }
        #expect(probabilities == probabilities.sorted(by: >), "sorted by risk")
        let one = try cli.run(["churn", "score", "--model", model, "--customer", #"{"tenure": 1, "plan": "basic", "autopay": false}"#])
        #expect(one.exitCode == 0 && one.stdout.contains("\"tier\"") && one.stdout.contains("\"reasons\""), "\(one.stderr)")
    }

    @Test(arguments: [
        (["--l2=-1"], "--l2 must be a finite number ≥ 0; got -1.0"),
        (["--max-iter", "0"], "--max-iter must be between 1 and 100000; got 0"),
        (["--tol", "2"], "--tol must be in (0, 1); got 2.0"),
        (["--class-weight", "heavy"], "--class-weight"),
        (["--tiers", "0.9,0.1"], "--tiers must be 'MEDIUM,HIGH'"),
    ])
    func badTrainFlags(flags: [String], message: String) throws {
        let r = try cli.run(["churn", "train", "--input", "x.csv", "--output", "m.json"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func badLabelAndBadModelFileAreClearErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try dir.write("c.csv", "id,tenure,churned\nA,1,Yes\nB,2,perhaps\n")
        let r = try cli.run(["churn", "train", "--input", data, "--label", "churned", "--output", dir.path("m.json")])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("c.csv:3: label column 'churned'") && r.stderr.contains("\"perhaps\""), "\(r.stderr)")
        let junk = try dir.write("m.json", "{\"format\": \"affinity-als-model\"}")
        let s = try cli.run(["churn", "score", "--model", junk, "--customer", "{}"])
        #expect(s.exitCode != 0 && s.stderr.contains("not a usable churn model"), "\(s.stderr)")
    }
}
