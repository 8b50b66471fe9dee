import AffinityTestSupport
import Foundation
import Testing

/// Data loading where a new user had to guess (issue 17, items 17 and 18); the refusals of
/// hostile files are in HostileFileCLITests.
@Suite struct DataRoughEdgesCLITests {
    let cli = CLIRunner()

    @Test(arguments: [
        ("User,Item\nu1,a\n", "did you mean 'User'?"),
        (" user , item \nu1,a\n", "did you mean ' user '?"),
        ("customer,product\nu1,a\n", "give the column's name with --user-col NAME"),
    ])
    func headerNearMissesGetAHint(header: String, hint: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("h.csv", header)
        let r = try cli.run(["data", "stats", path])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("h.csv:1: missing required column 'user'") && r.stderr.contains(hint), "\(r.stderr)")
        #expect(r.stderr.contains("--user-col"), "\(r.stderr)")
    }

    @Test func customerTablesGetTheSameNearMissHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("c.csv", customersCSV(rows: 60))
        let r = try cli.run(["churn", "train", "--input", path, "--label", "Churned", "--output", dir.path("m.json")])
        #expect(r.exitCode != 0 && r.stderr.contains("did you mean 'churned'?"), "\(r.stderr)")
    }

    @Test func negativeWeightsAreReportedAsNegativeFeedback() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("n.csv", "user,item,weight\nu1,a,2\nu1,b,-1\nu2,a,1\nu2,b,-3\nu3,b,1\n")
        let json = try cli.run(["data", "stats", path, "--json"])
        let stats = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(stats?["negative_weight_rows"] as? Int == 2, "\(json.stdout)")
        let text = try cli.run(["data", "stats", path])
        #expect(text.stdout.contains("negative weights: 2 rows (read as negative feedback"), "\(text.stdout)")
        let train = try cli.run(["train", "als", "--input", path, "--factors", "2", "--iterations", "2", "--threads", "1",
                                 "--output", dir.path("m.affinity")])
        #expect(train.exitCode == 0 && train.stderr.contains("note: \(path): 2 rows have a negative weight"), "\(train.stderr)")
    }

    @Test func maxIDBytesRaisesTheIDLimit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let long = String(repeating: "x", count: 300)
        let path = try dir.write("l.csv", "user,item\nu1,a\n\(long),b\n")
        let refused = try cli.run(["data", "stats", path])
        #expect(refused.exitCode != 0 && refused.stderr.contains("l.csv:3:1: user ID is 300 bytes long; the limit is 256 bytes"),
                "\(refused.stderr)")
        let raised = try cli.run(["data", "stats", path, "--max-id-bytes", "300", "--json"])
        #expect(raised.exitCode == 0, "\(raised.stderr)")
    }

    /// Online Retail keeps one interaction row per (customer, item, invoice): repeated lines of an
    /// invoice are kept but merged, and the event counts are per interaction row.
    @Test func statsExplainRowsKeptAgainstInteractionRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        let lines = ["536365,A,Thing,1,2010-12-01 08:26:00,2.5,17850,UK", "536365,A,Thing,2,2010-12-01 08:26:00,2.5,17850,UK",
                     "536365,B,Other,1,2010-12-01 08:26:00,1.0,17850,UK", "536366,A,Thing,1,2010-12-02 09:00:00,2.5,17850,UK"]
        let path = try dir.write("orders.csv", header + lines.joined(separator: "\n") + "\n")
        let json = try cli.run(["data", "stats", "--preset", "online-retail", path, "--json"])
        let stats = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(stats?["rows_kept"] as? Int == 4 && stats?["interaction_rows"] as? Int == 3, "\(json.stdout)")
        #expect((stats?["events"] as? [String: Int]) == ["purchase": 3])
        let text = try cli.run(["data", "stats", "--preset", "online-retail", path])
        #expect(text.stdout.contains("interaction rows: 3 (1 kept lines repeat a (user, item) pair of the same invoice"), "\(text.stdout)")
    }
}
