import AffinityTestSupport
import Foundation
import Testing

/// `affinity train als / evaluate / recommend / similar / split / export` through the built binary.
@Suite struct RecommenderCLITests {
    let cli = CLIRunner()

    /// A small shop: 3 taste groups of 4 items; each user buys most of their group over time.
    static func shop(in dir: TemporaryDirectory) throws -> String {
        var csv = "user,item,weight,timestamp\n"
        var t = 1_600_000_000
        for u in 0..<24 {
            let g = u % 3
            for j in 0..<4 where (u + j) % 5 != 0 {
                csv += "u\(u),item\(g * 4 + j),\(1 + (u + j) % 3),\(t)\n"
                t += 60
            }
        }
        return try dir.write("shop.csv", csv)
    }

    func train(_ dir: TemporaryDirectory, _ input: String, extra: [String] = []) throws -> CLIRunner.Result {
        try cli.run(["train", "als", "--input", input, "--factors", "4", "--iterations", "3", "--threads", "2",
                     "--output", dir.path("m.affinity"), "--json"] + extra)
    }

    @Test func trainEvaluateRecommendSimilarWithJSON() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try Self.shop(in: dir)
        let t = try train(dir, shop)
        #expect(t.exitCode == 0, "\(t.stderr)")
        let fit = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any]
        for key in ["fit_seconds", "seconds_per_iteration", "users", "items", "nnz"] { #expect(fit?[key] != nil, "missing \(key)") }
        #expect(fit?["users"] as? Int == 24 && fit?["items"] as? Int == 12)
        #expect(t.stderr.contains("iteration 3/3"))

        let split = try cli.run(["split", "--input", shop, "--leave-last", "1", "--train-out", dir.path("train.csv"),
                                 "--test-out", dir.path("test.csv"), "--json"])
        #expect(split.exitCode == 0, "\(split.stderr)")
        let e = try cli.run(["evaluate", "--model", dir.path("m.affinity"), "--train", dir.path("train.csv"),
                             "--test", dir.path("test.csv"), "--k", "3", "--json"])
        #expect(e.exitCode == 0, "\(e.stderr)")
        let ev = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as? [String: Any]
        for key in ["precision", "recall", "ndcg", "map", "coverage", "users_evaluated"] { #expect(ev?[key] != nil, "missing \(key)") }
        let pop = ev?["popularity"] as? [String: Any]
        for key in ["precision", "recall", "ndcg", "map", "coverage"] { #expect(pop?[key] != nil, "popularity missing \(key)") }

        let r = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--user", "u1", "--k", "2", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let rec = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(rec?["source"] as? String == "model" && (rec?["items"] as? [Any])?.count == 2)
        let unknown = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--user", "stranger", "--json"])
        #expect(unknown.stdout.contains("\"source\":\"popular_fallback\""))
        let s = try cli.run(["similar", "--model", dir.path("m.affinity"), "--item", "item0", "--k", "3", "--json"])
        #expect(s.exitCode == 0 && s.stdout.contains("\"similar\""))
        let x = try cli.run(["export", "--model", dir.path("m.affinity"), "--out", dir.path("export")])
        #expect(x.exitCode == 0 && FileManager.default.fileExists(atPath: dir.path("export/item_factors.npy")))
    }

    @Test(arguments: [
        (["--factors", "0"], "--factors must be between 1 and 1024; got 0"),
        (["--iterations", "0"], "--iterations must be between 1 and 10000; got 0"),
        (["--regularization=-1"], "--regularization must be a finite number ≥ 0; got -1.0"),
        (["--alpha", "0"], "--alpha must be a finite number > 0; got 0.0"),
        (["--cg-steps", "0"], "--cg-steps must be between 1 and 1024; got 0"),
        (["--threads", "0"], "--threads must be between 1 and 256; got 0"),
        (["--solver", "lu"], "The value 'lu' is invalid for '--solver <solver>'"),
        (["--confidence", "x"], "The value 'x' is invalid for '--confidence <confidence>'"),
        (["--seed=-3"], "The value '-3' is invalid for '--seed <seed>'"),
    ])
    func trainRejectsBadValues(flags: [String], message: String) throws {
        let r = try cli.run(["train", "als", "--input", "x.csv", "--output", "m.affinity"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test(arguments: [
        (["recommend", "--model", "m", "--user", "u", "--k", "0"], "--k must be between 1 and 1000; got 0"),
        (["recommend", "--model", "m"], "give exactly one of --user USER or --items"),
        (["recommend", "--model", "m", "--user", "u", "--max-per-category", "2"], "need --catalog FILE"),
        (["similar", "--model", "m", "--item", "i", "--k", "2000"], "--k must be between 1 and 1000; got 2000"),
        (["evaluate", "--model", "m", "--train", "a", "--test", "b", "--k", "0"], "--k must be between 1 and 1000; got 0"),
        (["evaluate", "--model", "m", "--train", "a", "--test", "b", "--threads", "0"], "--threads must be between 1 and 256; got 0"),
        (["split", "--input", "a", "--train-out", "t", "--test-out", "s"], "give exactly one of --cutoff"),
        (["split", "--input", "a", "--cutoff", "yesterday", "--train-out", "t", "--test-out", "s"], "--cutoff must be a date"),
        (["split", "--input", "a", "--fraction", "1.5", "--train-out", "t", "--test-out", "s"], "--fraction must be between 0 and 1"),
        (["split", "--input", "a", "--leave-last", "0", "--train-out", "t", "--test-out", "s"], "--leave-last must be at least 1; got 0"),
    ])
    func commandsRejectBadValues(arguments: [String], message: String) throws {
        let r = try cli.run(arguments)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func helpTextDescribesEveryCommand() throws {
        for (command, needle) in [(["train", "als"], "--regularization"), (["evaluate"], "--test"), (["recommend"], "--max-per-category"),
                                  (["similar"], "--item"), (["split"], "--leave-last"), (["export"], "--out"),
                                  (["import"], "--interactions")] {
            let r = try cli.run(command + ["--help"])
            #expect(r.exitCode == 0 && r.stdout.contains(needle), "\(command): \(r.stdout)")
        }
    }

    @Test func damagedModelIsRefusedWithAClearMessage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try train(dir, try Self.shop(in: dir)).exitCode == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("m.affinity")))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: dir.path("m.affinity")))
        let r = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--user", "u1"])
        #expect(r.exitCode != 0 && r.stderr.contains("checksum mismatch"), "\(r.stderr)")
    }

    @Test func nonFiniteWeightIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try dir.write("bad.csv", "user,item,weight\na,x,1\nb,y,nan\n")
        let r = try train(dir, input)
        #expect(r.exitCode != 0)
        #expect(r.stderr.lowercased().contains("nan") || r.stderr.contains("weight"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("m.affinity")))
    }
}
