import AffinityTestSupport
import Foundation
import Testing

/// `affinity recommend … --explain` on ALS and EASE models: each item names up to three items of the
/// user's history (or of the cart) with their share and contribution; without the flag nothing changes.
@Suite struct ExplainCLITests {
    let cli = CLIRunner()

    static func because(_ stdout: String) throws -> [[[String: Any]]]? {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
        return (json?["items"] as? [[String: Any]])?.map { ($0["because"] as? [[String: Any]]) ?? [] }
    }

    @Test(arguments: [["train", "als", "--factors", "4", "--iterations", "3"], ["train", "ease", "--l2", "2"]])
    func recommendExplainNamesHistoryItems(train: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let model = dir.path("m.affinity")
        let t = try cli.run(train + ["--input", shop, "--threads", "2", "--output", model])
        #expect(t.exitCode == 0, "\(t.stderr)")
        // u1 is in group 1: its history is item4…item7 (`shop` skips j where (u + j) % 5 == 0: none for u1).
        let history = Set((0..<4).filter { (1 + $0) % 5 != 0 }.map { "item\(4 + $0)" })
        let r = try cli.run(["recommend", "--model", model, "--user", "u1", "--k", "3", "--include-seen", "--explain", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let lists = try #require(try Self.because(r.stdout))
        #expect(lists.count == 3 && lists.allSatisfy { !$0.isEmpty && $0.count <= 3 }, "\(r.stdout)")
        for list in lists {
            #expect(list.allSatisfy { history.contains($0["item"] as? String ?? "") && ($0["share"] as? Double) != nil && ($0["contribution"] as? Double) != nil },
                    "\(r.stdout)")
        }
        let cart = try cli.run(["recommend", "--model", model, "--items", "item4,item5", "--k", "2", "--explain", "--json"])
        let cartLists = try #require(try Self.because(cart.stdout))
        #expect(cartLists.allSatisfy { $0.allSatisfy { ["item4", "item5"].contains($0["item"] as? String ?? "") } }, "\(cart.stdout)")
        let text = try cli.run(["recommend", "--model", model, "--user", "u1", "--k", "2", "--include-seen", "--explain"])
        #expect(text.exitCode == 0 && text.stdout.contains("because: item"), "\(text.stdout)")
        let plain = try cli.run(["recommend", "--model", model, "--user", "u1", "--k", "2", "--json"])
        #expect(plain.exitCode == 0 && !plain.stdout.contains("because"), "\(plain.stdout)")
    }
}
