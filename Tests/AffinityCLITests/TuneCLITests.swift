import AffinityTestSupport
import Foundation
import Testing

/// `affinity tune` through the built binary: best.json and the model, reproducible from the seed,
/// no test-file input, and one bad value per flag.
@Suite struct TuneCLITests {
    let cli = CLIRunner()

    func tune(_ dir: TemporaryDirectory, _ input: String, extra: [String] = []) throws -> CLIRunner.Result {
        try cli.run(["tune", "--input", input, "--output", dir.path("best.json"), "--model-output", dir.path("tuned.affinity"),
                     "--budget", "4", "--seed", "7", "--threads", "2"] + extra)
    }

    @Test func writesBestJSONAndAModelThatEvaluatesAndIsReproducibleFromTheSeed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let first = try tune(dir, shop)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stderr.contains("trial 4/4"), "\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("best.json")))
        let best = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        let trials = try #require(best["trials"] as? [[String: Any]])
        #expect(trials.count == 4 && best["budget"] as? Int == 4 && best["seed"] as? Int == 7, "\(best)")
        let scores = trials.compactMap { $0["score"] as? Double }
        #expect(best["validation_score"] as? Double == scores.max() && best["metric"] as? String == "ndcg@10")
        #expect((best["hyperparameters"] as? [String: Any])?.isEmpty == false)
        let info = try cli.run(["model", "info", dir.path("tuned.affinity"), "--json"])
        #expect(info.exitCode == 0 && info.stdout.contains("\"kind\":\"\(best["algorithm"] as? String ?? "?")\""), "\(info.stdout)")

        let second = try tune(dir, shop, extra: ["--json"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("best.json"))) == bytes)
        let summary = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        #expect(summary?["fits"] as? Int == 4 && summary?["algorithm"] as? String == best["algorithm"] as? String, "\(second.stdout)")
    }

    @Test func hasNoTestFileInputAndNeverOpensOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        // A path that cannot be read as a file (a directory), where a test file would be.
        let unreadable = dir.path("test.csv")
        try FileManager.default.createDirectory(atPath: unreadable, withIntermediateDirectories: false)
        for flag in ["--test", "--test-file", "--validation"] {
            let r = try tune(dir, shop, extra: [flag, unreadable])
            #expect(r.exitCode == 64 && r.stderr.contains("Unknown option '\(flag)'"), "\(flag): \(r.stderr)")
        }
        let r = try tune(dir, shop)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let best = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("best.json")))) as? [String: Any]
        let validation = best?["validation"] as? [String: Any]
        // Train and validation sides are carved from the 77 rows of the input alone.
        let rows = (validation?["train_rows"] as? Int ?? 0) + (validation?["validation_rows"] as? Int ?? 0)
        #expect(rows > 0 && rows <= 77 && validation?["order"] as? String == "time" && validation?["scheme"] as? String == "per-user",
                "\(String(describing: validation))")
    }

    @Test(arguments: [
        (["--budget", "1"], "--budget must be between 2 (one fit per algorithm) and 10000; got 1"),
        (["--budget", "0", "--algorithms", "ease"], "--budget must be between 1 (one fit per algorithm) and 10000; got 0"),
        (["--algorithms", "als,knn"], "--algorithms must be a comma-separated list of distinct names from als, ease; got 'als,knn'"),
        (["--metric", "auc@10"], "--metric must be NAME@K with NAME one of ndcg, precision, recall, map and K in 1...1000 (e.g. ndcg@10); got 'auc@10'"),
        (["--threads", "0"], "--threads must be between 1 and 256; got 0"),
        (["--validation-fraction", "1"], "--validation-fraction must be between 0 and 1 (exclusive); got 1.0"),
        (["--validation-split", "random"], "--validation-split must be per-user or global-time; got 'random'"),
        (["--max-memory", "lots"], "--max-memory must be a positive size such as 512M, 8G or 1073741824; got 'lots'"),
    ])
    func rejectsBadValues(flags: [String], message: String) throws {
        let r = try cli.run(["tune", "--input", "x.csv", "--output", "b.json", "--model-output", "m.affinity"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func missingInputIsNamed() throws {
        let r = try cli.run(["tune", "--output", "b.json", "--model-output", "m.affinity"])
        #expect(r.exitCode == 64 && r.stderr.contains("missing --input FILE"), "\(r.stderr)")
    }
}
