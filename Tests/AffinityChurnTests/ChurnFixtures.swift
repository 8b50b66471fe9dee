@testable import AffinityChurn
import AffinityNumerics
import AffinityTestSupport
import Foundation

/// A seeded synthetic customer table with every column kind, blanks and a planted signal.
enum ChurnFixtures {
    static let header = ["customer_id", "tenure", "plan", "autopay", "charges", "churned"]

    static func rows(_ n: Int, seed: UInt64 = 1) -> [[String]] {
        var rng = Xoshiro256(seed: seed)
        let plans = ["basic", "plus", "pro"]
        return (0..<n).map { i in
            let tenure = Int(rng.nextDouble() * 60)
            let plan = plans[Int(rng.next() % 3)]
            let autopay = rng.nextDouble() < 0.5
            let charges = 20 + rng.nextDouble() * 80
            let z = 1.0 - 0.06 * Double(tenure) + (plan == "basic" ? 0.8 : 0) - (autopay ? 0.7 : 0) + 0.01 * charges
            let churned = rng.nextDouble() < LogisticMath.sigmoid(z)
            let chargesText = i % 17 == 0 ? " " : String(format: "%.2f", charges)
            return ["C\(1000 + i)", String(tenure), plan, autopay ? "Yes" : "No", chargesText, churned ? "Yes" : "No"]
        }
    }

    static func table(_ n: Int = 400, seed: UInt64 = 1) -> CustomerTable {
        CustomerTable(source: "fixture.csv", header: header, rows: rows(n, seed: seed))
    }

    static func csv(header: [String] = header, rows: [[String]]) -> String {
        ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String, in dir: TemporaryDirectory, name: String) throws -> String {
        let path = dir.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func trained(_ n: Int = 400) throws -> ChurnModel {
        try ChurnTrainer.train(table(n), options: .init(features: FeatureOptions(label: "churned"))).model
    }
}

extension ChurnFixtures {
    /// `churn synth --nonlinear` as an in-memory table.
    static func nonlinear(_ n: Int, seed: UInt64) -> CustomerTable {
        let synth = SyntheticCustomers(rows: n, features: 0, seed: seed, nonlinear: true)
        var rows: [[String]] = []
        synth.forEachRow { rows.append($0) }
        return CustomerTable(source: "nonlinear-\(seed).csv", header: synth.header, rows: rows)
    }
}
