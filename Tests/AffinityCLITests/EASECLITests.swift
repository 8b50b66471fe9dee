import AffinityTestSupport
import Foundation
import Testing

/// `affinity train ease` → evaluate → recommend / similar / export through the built binary.
@Suite struct EASECLITests {
    let cli = CLIRunner()

    @Test func trainEvaluateRecommendSimilarExport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let split = try cli.run(["split", "--input", shop, "--leave-last", "1", "--train-out", dir.path("train.csv"),
                                 "--test-out", dir.path("test.csv")])
        #expect(split.exitCode == 0, "\(split.stderr)")
        let model = dir.path("ease.affinity")
        let t = try cli.run(["train", "ease", "--input", dir.path("train.csv"), "--l2", "2", "--threads", "2",
                             "--output", model, "--json"])
        #expect(t.exitCode == 0, "\(t.stderr)")
        let fit = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any]
        #expect(fit?["users"] as? Int == 24 && fit?["l2"] as? Double == 2, "\(t.stdout)")

        let e = try cli.run(["evaluate", "--model", model, "--train", dir.path("train.csv"), "--test", dir.path("test.csv"),
                             "--k", "3", "--json"])
        #expect(e.exitCode == 0, "\(e.stderr)")
        let ev = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as? [String: Any]
        // Each evaluated user's held-out item is in their taste group, which EASE learns from co-occurrence.
        let ndcg = ev?["ndcg"] as? Double ?? 0, popular = (ev?["popularity"] as? [String: Any])?["ndcg"] as? Double ?? 1
        #expect((ev?["users_evaluated"] as? Int ?? 0) > 0 && ndcg > popular, "\(e.stdout)")

        let r = try cli.run(["recommend", "--model", model, "--user", "u1", "--k", "2", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let rec = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let items = (rec?["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String } ?? []
        #expect(rec?["source"] as? String == "model" && items.count == 2, "\(r.stdout)")
        let cart = try cli.run(["recommend", "--model", model, "--items", "item4,item5", "--k", "2", "--json"])
        let cartJSON = try JSONSerialization.jsonObject(with: Data(cart.stdout.utf8)) as? [String: Any]
        let cartItems = (cartJSON?["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String } ?? []
        #expect(cart.exitCode == 0 && cartJSON?["source"] as? String == "model" && cartItems.count == 2, "\(cart.stdout)")
        // A cart from group 1 (items 4–7) gets the rest of group 1 first.
        #expect(["item6", "item7"].contains(cartItems.first ?? ""), "\(cart.stdout)")
        let s = try cli.run(["similar", "--model", model, "--item", "item0", "--k", "3", "--json"])
        #expect(s.exitCode == 0 && s.stdout.contains("\"similar\""), "\(s.stderr)")
        let x = try cli.run(["export", "--model", model, "--out", dir.path("export")])
        #expect(x.exitCode == 0 && FileManager.default.fileExists(atPath: dir.path("export/b.npy")), "\(x.stderr)")
    }

    @Test func aWeightTransformIsRecordedAndShownByModelInfo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let t = try cli.run(["train", "ease", "--input", shop, "--l2", "2", "--threads", "2", "--weight-transform", "log1p",
                             "--output", dir.path("m.affinity")])
        #expect(t.exitCode == 0, "\(t.stderr)")
        let info = try cli.run(["model", "info", dir.path("m.affinity"), "--json"])
        #expect(info.exitCode == 0 && info.stdout.contains("\"weight_transform\":\"log1p\""), "\(info.stdout)")
    }

    @Test func tooLargeForMemoryIsRefusedWithTheFormula() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let r = try cli.run(["train", "ease", "--input", shop, "--max-memory", "100", "--output", dir.path("m.affinity")])
        #expect(r.exitCode != 0 && r.stderr.contains("12·n² bytes") && r.stderr.contains("--max-memory"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("m.affinity")))
    }

    @Test(arguments: [
        (["--l2", "0"], "--l2 must be a finite number > 0; got 0.0"),
        (["--threads", "0"], "--threads must be between 1 and 256; got 0"),
        (["--max-memory", "lots"], "--max-memory must be a positive size such as 512M, 8G or 1073741824; got 'lots'"),
        (["--weight-transform", "bm25", "--bm25-b", "2"], "--bm25-b must be between 0 and 1; got 2.0"),
    ])
    func trainRejectsBadValues(flags: [String], message: String) throws {
        let r = try cli.run(["train", "ease", "--input", "x.csv", "--output", "m.affinity"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
