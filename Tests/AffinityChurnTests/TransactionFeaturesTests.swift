@testable import AffinityChurn
import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

@Suite("Churn features, CX metrics and RFM from transactions")
struct TransactionFeaturesTests {
    static let header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"

    static func log(_ lines: [String], in dir: TemporaryDirectory) throws -> TransactionLog {
        let path = try dir.write("orders.csv", header + lines.joined(separator: "\n") + "\n")
        return try TransactionLog.read(path: path)
    }

    @Test("features as of the cutoff and the horizon label, on a hand-checked log")
    func features() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try Self.log([
            "1,A,\"Mug, red\",2,2011-01-01 10:00:00,3.0,100.0,France",
            "1,B,Plate,1,2011-01-01 10:00:00,4.0,100.0,France",
            "2,A,Mug,4,2011-02-10 00:00:00,3.0,100.0,France",
            "C3,A,Mug,-2,2011-02-11 00:00:00,3.0,100.0,France",
            "4,C,Lamp,1,2011-01-20 00:00:00,10.0,200.0,Spain",
            "5,C,Lamp,1,2011-03-05 00:00:00,10.0,200.0,Spain",
            "6,B,Plate,1,2011-06-01 00:00:00,4.0,100.0,France",
            "7,B,Plate,1,2011-03-02 00:00:00,4.0,,United Kingdom",
            "A8,B,Adjust bad debt,1,2011-03-02 00:00:00,-4.0,300.0,United Kingdom",
        ], in: dir)
        #expect(log.skipped == ["missing_customer": 1, "adjustment": 1])
        let cutoff = TimestampParser.parse("2011-03-01")!
        let table = try ChurnFeatureBuilder.build(log, cutoff: cutoff, horizonDays: 30)
        #expect(table.rows.map { $0[0] } == ["100", "200"])
        let c100 = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
        #expect(c100["country"] == "France" && c100["frequency"] == "2" && c100["distinct_items"] == "2")
        #expect(c100["monetary"] == "16.00" && c100["avg_basket"] == "8.00", "22 bought, 6 returned (C3): net of returns")
        #expect(c100["recency_days"] == "19.0" && c100["tenure_days"] == "58.6")
        #expect(c100["return_rate"] == "0.2857", "2 of 7 units returned")
        #expect(c100["churned"] == "Yes", "next purchase on 2011-06-01 is after the 30-day horizon")
        let c200 = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[1]))
        #expect(c200["frequency"] == "1" && c200["days_between_orders"] == "" && c200["churned"] == "No")
        #expect(throws: ChurnError.self) { try ChurnFeatureBuilder.build(log, cutoff: TimestampParser.parse("2011-05-20")!, horizonDays: 30) }
    }

    @Test("unlabelled features as of a day: no label, the day included, rows after it skipped before they are parsed")
    func unlabelledAsOf() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let before = [
            "1,A,Mug,2,2011-01-01 10:00:00,3.0,100.0,France",
            "C2,A,Mug,-1,2011-01-20 10:00:00,3.0,100.0,France",
            "3,B,Plate,1,2011-03-01 23:59:59,4.0,200.0,Spain",
        ]
        let after = [
            "4,B,Plate,1,2011-03-02 00:00:00,4.0,100.0,France",
            "5,B,Plate,not-a-number,2011-03-05 00:00:00,4.0,100.0,France",
            "6,C,Lamp,1,2011-04-01 00:00:00,10.0,300.0,Spain",
        ]
        let full = try dir.write("full.csv", Self.header + (before + after).joined(separator: "\n") + "\n")
        let cut = try dir.write("cut.csv", Self.header + before.joined(separator: "\n") + "\n")
        #expect(throws: (any Error).self) { try TransactionLog.read(path: full) }
        let cutoff = ChurnFeatureBuilder.endOfDay(TimestampParser.parse("2011-03-01")!)
        let log = try TransactionLog.read(path: full, before: cutoff)
        #expect(log.skipped["after_cutoff"] == 3 && log.count == 3)
        let table = try ChurnFeatureBuilder.buildUnlabelled(log, cutoff: cutoff)
        let reference = try ChurnFeatureBuilder.buildUnlabelled(try TransactionLog.read(path: cut), cutoff: cutoff)
        #expect(table.header == ChurnFeatureBuilder.unlabelledHeader && !table.header.contains("churned"))
        #expect(table.rows == reference.rows)
        #expect(table.rows.map { $0[0] } == ["100", "200"], "300 first bought after the as-of day")
        let c100 = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
        #expect(c100["monetary"] == "3.00" && c100["recency_days"] == "59.6", "6 bought − 3 returned; last purchase 2011-01-01 10:00")
        let c200 = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[1]))
        #expect(c200["recency_days"] == "0.0", "a purchase at 23:59:59 on the as-of day counts")
    }

    /// 300 seeded purchases by 25 customers over 300 days from 2011-01-01: the log and each customer's purchase times.
    static func randomLog(in dir: TemporaryDirectory) throws -> (TransactionLog, [Int: [Int64]]) {
        var rng = Xoshiro256(seed: 21)
        var lines: [String] = []
        var purchases: [Int: [Int64]] = [:]
        let base = TimestampParser.parse("2011-01-01")!
        for k in 0..<300 {
            let c = Int(rng.next() % 25), t = base + Int64(rng.next() % (300 * 86_400))
            lines.append("\(k),X,Thing,1,\(TimestampParser.iso8601(t).replacingOccurrences(of: "T", with: " ").dropLast()),1.0,\(c),UK")
            purchases[c, default: []].append(t)
        }
        return (try log(lines, in: dir), purchases)
    }

    @Test("period flows match a direct count of active customers, and end = start + new − lost")
    func periodFlows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (log, purchases) = try Self.randomLog(in: dir)
        let lapse: Int64 = 30 * 86_400
        let rows = try PeriodMetrics.compute(log, unit: .month, lapseDays: 30)
        func active(at t: Int64) -> Int { purchases.values.filter { $0.contains { $0 <= t && t < $0 + lapse } }.count }
        let periods = PeriodUnit.month.periods(from: log.firstTime!, to: log.lastTime!)
        let complete = rows.filter { !$0.partial }
        #expect(complete.count == periods.count && complete.count >= 8)
        #expect(rows.first?.partial == true && rows.last?.partial == true && rows.count == periods.count + 2)
        for (row, p) in zip(complete, periods) {
            #expect(row.customersStart == active(at: p.start), "\(row.period) start")
            #expect(row.customersEnd == active(at: p.end), "\(row.period) end")
            #expect(row.customersEnd == row.customersStart + row.new - row.lost)
            // Warm-up: a period starting less than 30 days after the first purchase has no rates.
            #expect(row.warmUp == (p.start < log.firstTime! + lapse))
            if row.customersStart > 0 && !row.warmUp {
                #expect(abs(row.retentionRate! - Double(row.customersEnd - row.new) / Double(row.customersStart) * 100) < 1e-9)
            } else {
                #expect(row.churnRate == nil && row.retentionRate == nil, "\(row.period)")
            }
        }
        #expect(rows.filter(\.partial).allSatisfy { $0.churnRate == nil && $0.retentionRate == nil })
    }

    @Test("RFM segments are taken as of each period's start: start counts match a direct count per segment")
    func rfmSegmentsAsOfPeriodStart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (log, purchases) = try Self.randomLog(in: dir)
        let lapse: Int64 = 30 * 86_400
        let rows = try PeriodMetrics.compute(log, unit: .month, lapseDays: 30,
                                             segmentOf: CustomerSegments.rfmAtPeriodStarts(log, unit: .month))
        let periods = PeriodUnit.month.coveringPeriods(from: log.firstTime!, to: log.lastTime!)
        var checked = 0
        for p in periods {
            var segmentOf: [String: String] = [:]
            for r in RFMSegments.compute(log, asOf: p.start) { segmentOf[r.customerID] = r.segment }
            var expected: [String: Int] = [:]
            for (c, times) in purchases where times.contains(where: { $0 <= p.start && p.start < $0 + lapse }) {
                expected[segmentOf[String(c)] ?? "no purchase yet", default: 0] += 1
            }
            let label = PeriodUnit.month.label(p.start)
            for row in rows where row.period == label && row.segment != "all" {
                #expect(row.customersStart == expected[row.segment, default: 0], "\(label) \(row.segment)")
                checked += row.customersStart
            }
        }
        #expect(checked > 0)
    }

    @Test("NPS, CSAT and CES from their definitions; out-of-range answers are named")
    func surveys() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("s.csv", "customer_id,date,nps,csat,ces\n1,2011-01-03,10,5,2\n2,2011-01-09,9,4,\n3,2011-02-01,7,3,4\n4,2011-02-02,3,,6\n5,2011-02-03,0,1,3\n")
        let all = try SurveyMetrics.read(path: path, unit: .month)
        #expect(all.map(\.period) == ["all", "2011-01", "2011-02"])
        // The answers run from 3 January to 3 February: both months are partial, as in the period table.
        #expect(all.map(\.partial) == [false, true, true])
        #expect(all[0].nps == 100 * Double(2 - 2) / 5 && all[0].npsResponses == 5)
        #expect(all[0].csat == 50 && all[0].ces == 3.75)
        #expect(all[1].nps == 100 && all[2].nps == -100.0 * 2 / 3)
        let bad = try dir.write("b.csv", "nps\n11\n")
        #expect(throws: DataError.malformed(file: bad, line: 2, column: 1, message: "column 'nps' must be between 0.0 and 10.0; got \"11\"")) {
            try SurveyMetrics.read(path: bad, unit: nil)
        }
    }

    @Test("RFM quintiles: ties share a score, segments follow the R/F grid")
    func rfm() {
        #expect(RFMSegments.quintiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(RFMSegments.quintiles([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
        #expect(RFMSegments.name(r: 5, f: 5) == "champions" && RFMSegments.name(r: 1, f: 1) == "hibernating")
        #expect(RFMSegments.name(r: 2, f: 4) == "at risk" && RFMSegments.name(r: 5, f: 1) == "new customers")
    }
}
