import AffinityTestSupport
import Foundation
import Testing

private struct StatsJSON: Decodable {
    var rows: Int
    var skipped: [String: Int]
    var users: Int
    var items: Int
    var nnz: Int
    var density: Double
    var events: [String: Int]
    var time_range: [String: String]?
}

@Suite struct DataStatsCLITests {
    let cli = CLIRunner()

    @Test func jsonOutputHasTheContractKeys() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("i.csv", "user,item,event,timestamp\nu1,a,view,2019-10-01 00:00:00\nu1,a,cart,2019-10-01 00:01:00\n,b,view,1\n")
        let r = try cli.run(["data", "stats", path, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(r.stdout.utf8))
        #expect(stats.rows == 3 && stats.users == 1 && stats.items == 1 && stats.nnz == 1 && stats.density == 1)
        #expect(stats.skipped == ["missing_user": 1])
        #expect(stats.events == ["view": 1, "cart": 1])
        #expect(stats.time_range == ["min": "2019-10-01T00:00:00Z", "max": "2019-10-01T00:01:00Z"])
        #expect(r.stdout.split(separator: "\n").count == 1)
    }

    @Test func textOutputListsSkipsWithLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("i.csv", "user,item\n,a\nu,b\n")
        let r = try cli.run(["data", "stats", "--input", path])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("missing_user: 1 (first lines: 2)"))
        #expect(r.stdout.contains("nnz: 1"))
    }

    @Test func unknownPresetFailsListingPresets() throws {
        let r = try cli.run(["data", "stats", "x.csv", "--preset", "retail"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("unknown preset 'retail'; expected one of: online-retail, movielens, lastfm, rees46"))
    }

    @Test func badInputsFailWithFileLineColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cases: [(String, String)] = [
            ("user,item\nu,\"open\n", "q.csv:2:2: unterminated quoted field"),
            ("usr,item\nu,a\n", "q.csv:1: missing required column 'user'; header has: usr, item"),
            ("user,item,weight\nu,a,x1\n", "q.csv:2:3: column 'weight' must be a finite number; got \"x1\""),
        ]
        for (text, expected) in cases {
            let path = try dir.write("q.csv", text)
            let r = try cli.run(["data", "stats", path])
            #expect(r.exitCode != 0, "\(text)")
            #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func flagValidationNamesTheFlag() throws {
        let r1 = try cli.run(["data", "stats", "x.csv", "--min-rating", "3"])
        #expect(r1.exitCode != 0)
        #expect(r1.stderr.contains("--min-rating applies only to --preset movielens"))
        let r2 = try cli.run(["data", "stats", "x.csv", "--delimiter", "|"])
        #expect(r2.exitCode != 0)
        #expect(r2.stderr.contains("--delimiter: unknown delimiter '|'"))
        let r3 = try cli.run(["data", "stats"])
        #expect(r3.exitCode != 0)
        #expect(r3.stderr.contains("missing input file"))
    }

    @Test func helpDocumentsEveryOption() throws {
        let r = try cli.run(["data", "stats", "--help"])
        #expect(r.exitCode == 0)
        for flag in ["--preset", "--user-col", "--item-col", "--weight-col", "--time-col", "--event-col", "--min-rating", "--delimiter",
                     "--max-id-bytes", "--json"] {
            #expect(r.stdout.contains(flag), "\(flag)")
        }
    }

    @Test func onlineRetailPresetCountsExactly() throws {
        guard let path = SharedDatasets.file("online-retail/online-retail.csv") else { return }
        let r = try cli.run(["data", "stats", "--preset", "online-retail", path, "--json"])
        #expect(r.exitCode == 0)
        let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(r.stdout.utf8))
        #expect(stats.rows == 541_909 && stats.users == 4339 && stats.items == 3665 && stats.nnz == 266_802)
    }
}

@Suite struct InputOptionsCLITests {
    let cli = CLIRunner()

    @Test(arguments: [
        (["--preset", "movielens", "--min-rating=-1"], "--min-rating must be a finite number between 0 and 1000000; got -1.0"),
        (["--user-col", "id", "--item-col", "id"], "the user and item columns must differ; both are 'id'"),
        (["--preset", "lastfm", "--user-col", "u"], "--preset lastfm fixes the columns and delimiter"),
        (["--input", "a.csv"], "give the file either as an argument or with --input, not both"),
        (["--max-id-bytes", "0"], "--max-id-bytes must be between 1 and 1048576; got 0"),
    ])
    func badCombinationsNameTheFlag(arguments: [String], expected: String) throws {
        let r = try cli.run(["data", "stats", "x.csv"] + arguments)
        #expect(r.exitCode == 64)
        #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
    }
}
