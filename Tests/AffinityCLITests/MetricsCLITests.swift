import AffinityTestSupport
import Foundation
import Testing

/// `affinity metrics`: rates that cannot be computed are marked, not shown as 0 % churn (issue 17, item 19).
@Suite struct MetricsCLITests {
    let cli = CLIRunner()

    /// 40 customers buying every 20 to 50 days from 2011-01-10 to about 2011-09 (seeded LCG).
    func orders(in dir: TemporaryDirectory) throws -> String {
        var state: UInt64 = 99
        func next(_ n: UInt64) -> Int64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int64((state >> 33) % n)
        }
        var lines = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"]
        let start = Int64(1_294_617_600)  // 2011-01-10
        var invoice = 1000
        for c in 0..<40 {
            var t = start + next(20) * 86_400
            while t < start + 240 * 86_400 {
                let date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(t)))
                lines.append("\(invoice),S\(c % 5),Thing,1,\(date.prefix(10)) 10:00:00,2.0,\(100 + c),UK")
                invoice += 1
                t += (20 + next(30)) * 86_400 * (c % 4 == 0 ? 3 : 1)
            }
        }
        return try dir.write("orders.csv", lines.joined(separator: "\n") + "\n")
    }

    @Test func warmUpAndPartialPeriodsHaveNoRates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try orders(in: dir)
        let r = try cli.run(["metrics", "--transactions", path, "--lapse-days", "60", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let periods = try #require(json?["periods"] as? [[String: Any]])
        // Data from 10 January: January is partial, February and early March are warm-up (60 days).
        #expect(periods.first?["period"] as? String == "2011-01" && periods.first?["partial"] as? Bool == true)
        let warmUp = periods.filter { $0["warm_up"] as? Bool == true }.compactMap { $0["period"] as? String }
        #expect(warmUp == ["2011-01", "2011-02", "2011-03"], "\(warmUp)")
        for p in periods where p["warm_up"] as? Bool == true || p["partial"] as? Bool == true {
            #expect(p["churn_rate"] is NSNull && p["retention_rate"] is NSNull, "\(p)")
        }
        let computed = periods.filter { $0["churn_rate"] is NSNumber }
        #expect(computed.count >= 3 && computed.allSatisfy { $0["warm_up"] as? Bool == false && $0["partial"] as? Bool == false })
        let text = try cli.run(["metrics", "--transactions", path, "--lapse-days", "60"])
        #expect(text.stdout.contains("2011-02 (warm-up)") && text.stdout.contains("2011-01 (partial)") && text.stdout.contains("—"),
                "\(text.stdout)")
    }

    @Test func rfmSegmentsAreTakenAtEachPeriodStart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try orders(in: dir)
        let r = try cli.run(["metrics", "--transactions", path, "--lapse-days", "60", "--segment-by", "rfm", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let periods = try #require(json?["periods"] as? [[String: Any]])
        // Before their first purchase customers are "no purchase yet" (they arrive as new customers);
        // with segments taken at the end of the data nobody would be.
        let arriving = periods.filter { $0["segment"] as? String == "no purchase yet" }
        #expect(arriving.contains { ($0["new"] as? Int ?? 0) > 0 } && arriving.allSatisfy { $0["customers_start"] as? Int == 0 }, "\(arriving)")
    }
}
