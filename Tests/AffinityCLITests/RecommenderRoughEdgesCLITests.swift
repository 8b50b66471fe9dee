import AffinityTestSupport
import Foundation
import Testing

/// `evaluate` and `recommend` where a new user was misled (issue 17, items 13 and 14).
@Suite struct RecommenderRoughEdgesCLITests {
    let cli = CLIRunner()

    func trainModel(_ input: String, to path: String) throws {
        let r = try cli.run(["train", "als", "--input", input, "--factors", "4", "--iterations", "2", "--threads", "1", "--output", path])
        try #require(r.exitCode == 0, "\(r.stderr)")
    }

    func rows(_ path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count - 1
    }

    @Test func evaluateWarnsWhenTheModelWasTrainedOnTheTestPairs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let split = try cli.run(["split", "--input", shop, "--leave-last", "1", "--train-out", dir.path("train.csv"),
                                 "--test-out", dir.path("test.csv")])
        try #require(split.exitCode == 0, "\(split.stderr)")
        let testRows = try rows(dir.path("test.csv"))
        try trainModel(shop, to: dir.path("all.affinity"))
        let leaky = try cli.run(["evaluate", "--model", dir.path("all.affinity"), "--train", dir.path("train.csv"),
                                 "--test", dir.path("test.csv"), "--k", "3", "--json"])
        #expect(leaky.exitCode == 0, "\(leaky.stderr)")
        // Every test pair of the split was in the full data the model was trained on.
        #expect(leaky.stderr.contains("warning: \(testRows) of \(testRows) test pairs (100.0%) are in the model's training data"), "\(leaky.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(leaky.stdout.utf8)) as? [String: Any]
        #expect(json?["test_pairs_in_model_history"] as? Int == testRows)
        try trainModel(dir.path("train.csv"), to: dir.path("honest.affinity"))
        let honest = try cli.run(["evaluate", "--model", dir.path("honest.affinity"), "--train", dir.path("train.csv"),
                                  "--test", dir.path("test.csv"), "--k", "3", "--json"])
        #expect(honest.exitCode == 0 && !honest.stderr.contains("warning"), "\(honest.stderr)")
        let honestJSON = try JSONSerialization.jsonObject(with: Data(honest.stdout.utf8)) as? [String: Any]
        #expect(honestJSON?["test_pairs_in_model_history"] as? Int == 0)
    }

    @Test func evaluateWithNoEvaluableUserFailsWithAReason() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let other = try dir.write("other.csv", "user,item\n" + (0..<30).map { "v\($0 % 6),film\($0 % 7)" }.joined(separator: "\n") + "\n")
        try trainModel(other, to: dir.path("other.affinity"))
        let r = try cli.run(["evaluate", "--model", dir.path("other.affinity"), "--train", shop, "--test", shop])
        #expect(r.exitCode != 0)
        let pairs = try rows(shop)
        #expect(r.stderr.contains("no test user can be evaluated: of \(pairs) test pairs, \(pairs) have a user the model does not know"),
                "\(r.stderr)")
    }

    @Test func recommendWithUnknownCartItemsNamesThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try trainModel(try RecommenderCLITests.shop(in: dir), to: dir.path("m.affinity"))
        let one = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--items", "item0,NOPE"])
        #expect(one.exitCode != 0 && one.stderr.contains("unknown item 'NOPE'") && !one.stderr.contains("item0"), "\(one.stderr)")
        let two = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--items", "NOPE,NOPE2,NOPE", "--json"])
        #expect(two.exitCode != 0 && two.stderr.contains("unknown items 'NOPE', 'NOPE2'") && two.stdout.isEmpty, "\(two.stderr)")
        let known = try cli.run(["recommend", "--model", dir.path("m.affinity"), "--items", "item0,item1", "--k", "2", "--json"])
        #expect(known.exitCode == 0 && known.stdout.contains("\"source\":\"model\""), "\(known.stderr)")
    }
}
