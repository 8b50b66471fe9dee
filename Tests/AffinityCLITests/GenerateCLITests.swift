import AffinityTestSupport
import Foundation
import Testing

private struct GenerateJSON: Decodable {
    var files: [String]
    var users: Int
    var events: Int
    var order_lines: Int
    var churned: Int
}

@Suite struct GenerateCLITests {
    let cli = CLIRunner()

    @Test func sameSeedWritesIdenticalFilesAndJSONSummary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try cli.run(["generate", "--out", dir.path("a"), "--users", "150", "--items", "60", "--seed", "3", "--json"])
        let b = try cli.run(["generate", "--out", dir.path("b"), "--users", "150", "--items", "60", "--seed", "3"])
        #expect(a.exitCode == 0 && b.exitCode == 0, "\(a.stderr) \(b.stderr)")
        let summary = try JSONDecoder().decode(GenerateJSON.self, from: Data(a.stdout.utf8))
        #expect(summary.users == 150 && summary.files.count == 5 && summary.events > 0 && summary.order_lines > 0)
        for name in ["interactions.csv", "items.csv", "orders.csv", "customers.csv", "surveys.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: dir.path("a/\(name)")))
            let y = try Data(contentsOf: URL(fileURLWithPath: dir.path("b/\(name)")))
            #expect(x == y, "\(name)")
        }
        // The generated files read back through `data stats`, the orders through the preset.
        let stats = try cli.run(["data", "stats", "--preset", "online-retail", dir.path("a/orders.csv"), "--json"])
        #expect(stats.exitCode == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("\"rows\":\(summary.order_lines)"))
    }

    @Test(arguments: [
        (["--users", "0"], "--users must be between 1 and 1000000; got 0"),
        (["--items", "1"], "--items must be between 2 and 1000000; got 1"),
        (["--days", "3"], "--days must be between 7 and 3650; got 3"),
        (["--seed", "-1"], "--seed"),
    ])
    func badValuesNameTheFlag(arguments: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try cli.run(["generate", "--out", dir.path("x")] + arguments)
        #expect(r.exitCode == 64)
        #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("x")))
    }

    @Test func gzipInputReadsLikePlain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "user;item;weight\nu1;a;2\nu2;\"b;c\";1\r\nu1;a;3\n"
        let plain = try dir.write("i.csv", text)
        let gz = try dir.write("i.csv.gz", bytes: try Gzip.compress(Array(text.utf8)))
        let a = try cli.run(["data", "stats", plain, "--json"])
        let b = try cli.run(["data", "stats", gz, "--json"])
        #expect(a.exitCode == 0 && b.exitCode == 0)
        #expect(a.stdout.replacingOccurrences(of: plain, with: "F") == b.stdout.replacingOccurrences(of: gz, with: "F"))
        #expect(a.stdout.contains("\"nnz\":2"))
    }
}
