import AffinityTestSupport
import Foundation
import Testing

@Suite struct ChurnFeaturesCLITests {
    let cli = CLIRunner()

    @Test("--unlabelled --as-of with column flags: today's customers, no label, later rows not parsed")
    func unlabelledWithColumnFlags() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("o.csv", """
            order,sku,qty,when,price,cust
            o1,S1,2,2024-05-01 10:00:00,3.5,ann
            o2,S2,1,2024-05-20 10:00:00,2.0,bob
            r3,S1,-1,2024-05-21 10:00:00,3.5,ann
            o4,S1,oops,2024-06-02 10:00:00,3.5,ann
            o5,S3,1,2024-06-03 10:00:00,1.0,cid

            """)
        let out = dir.path("today.csv")
        let r = try cli.run(["churn", "features", "--transactions", path, "--customer-col", "cust", "--invoice-col", "order",
                             "--date-col", "when", "--quantity-col", "qty", "--price-col", "price", "--item-col", "sku",
                             "--country-col", "", "--unlabelled", "--as-of", "2024-06-01", "--output", out])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("skipped 2 rows: after_cutoff"), "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("customer_id,country,recency_days,frequency,monetary") == true)
        #expect(lines.first?.contains("churned") == false && lines.count == 3)
        #expect(lines[1].hasPrefix("ann,,") && lines[1].contains(",3.50,"), "7.00 bought − 3.50 returned: \(lines[1])")
    }

    @Test(arguments: [
        (["--as-of", "2024-06-01"], "--as-of needs --unlabelled"),
        (["--unlabelled", "--cutoff", "2024-06-01"], "--cutoff is for labelled tables"),
        (["--unlabelled", "--as-of", "June"], "--as-of must be a date like 2011-12-09; got 'June'"),
        (["--invoice-col", ""], "--invoice-col must name a column of the transactions file; got ''"),
    ])
    func badFlagsAreNamed(arguments: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try cli.run(["churn", "features", "--transactions", dir.path("x.csv"), "--output", dir.path("y.csv")] + arguments)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
    }
}
