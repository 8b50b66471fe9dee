import AffinityTestSupport
import Foundation
import Testing

/// `affinity import` through the built binary: export → import round trip and refusals.
@Suite struct ImportCLITests {
    let cli = CLIRunner()

    func recommendations(_ model: String, user: String) throws -> String {
        let r = try cli.run(["recommend", "--model", model, "--user", user, "--k", "5", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func exportThenImportRecommendsTheSame() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        #expect(try RecommenderCLITests().train(dir, shop, extra: ["--regularization-scaling", "frequency"]).exitCode == 0)
        #expect(try cli.run(["export", "--model", dir.path("m.affinity"), "--out", dir.path("x")]).exitCode == 0)
        _ = try dir.write("x/meta.json", #"{"rank": 4, "regularization_scaling": "frequency"}"#)
        let r = try cli.run(["import", "--factors", dir.path("x"), "--interactions", shop, "--output", dir.path("i.affinity")])
        #expect(r.exitCode == 0 && r.stdout.contains("(frequency)"), "\(r.stderr)")
        for user in ["u0", "u7", "u23"] {
            #expect(try recommendations(dir.path("i.affinity"), user: user) == recommendations(dir.path("m.affinity"), user: user))
        }
        let info = try cli.run(["model", "info", dir.path("i.affinity")])
        #expect(info.stdout.contains("frequency"), "\(info.stdout)")
    }

    @Test func refusedInputLeavesNoModel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        #expect(try RecommenderCLITests().train(dir, shop).exitCode == 0)
        #expect(try cli.run(["export", "--model", dir.path("m.affinity"), "--out", dir.path("x")]).exitCode == 0)
        _ = try dir.write("x/item_ids.txt", "item0\n")
        let r = try cli.run(["import", "--factors", dir.path("x"), "--interactions", shop, "--output", dir.path("i.affinity")])
        #expect(r.exitCode != 0 && r.stderr.contains("item_factors.npy: 12 rows, but item_ids.txt lists 1 IDs"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("i.affinity")))
        let flag = try cli.run(["import", "--factors", dir.path("x"), "--interactions", shop, "--input", shop, "--output", dir.path("i.affinity")])
        #expect(flag.exitCode != 0 && flag.stderr.contains("drop --input"), "\(flag.stderr)")
        let alpha = try cli.run(["import", "--factors", dir.path("x"), "--interactions", shop, "--alpha", "0", "--output", dir.path("i.affinity")])
        #expect(alpha.stderr.contains("--alpha must be a finite number > 0; got 0.0"), "\(alpha.stderr)")
    }
}
