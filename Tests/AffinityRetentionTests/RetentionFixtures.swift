import AffinityChurn
import AffinityData
import AffinityNumerics
import AffinityRecommender
import AffinityRetention
import Foundation

/// A seeded small shop: 60 customers, 12 items, purchases, churn features with a planted signal,
/// CLV scores for all but the last customer, and a catalogue with names and two categories.
enum RetentionFixtures {
    static let customers = (0..<60).map { "C\($0)" }
    static let items = (0..<12).map { "i\($0)" }

    /// (customer, item) purchases: each customer buys 2–4 items, favouring a block of items.
    static func purchases(seed: UInt64 = 7) -> [(String, String)] {
        var rng = Xoshiro256(seed: seed)
        var out: [(String, String)] = []
        for (c, id) in customers.enumerated() {
            let count = 2 + Int(rng.next() % 3)
            for _ in 0..<count { out.append((id, items[(c % 3) * 4 + Int(rng.next() % 4)])) }
        }
        return out
    }

    static func recommender() throws -> EASEModel {
        var table = InteractionTable()
        for (u, i) in purchases() {
            table.userIndices.append(table.users.intern(u))
            table.itemIndices.append(table.items.intern(i))
            table.weights.append(1)
        }
        return try EASEModel.train(table, config: EASEConfig(l2: 1))
    }

    static func churnTable(seed: UInt64 = 3) -> CustomerTable {
        var rng = Xoshiro256(seed: seed)
        let rows = customers.map { id -> [String] in
            let tenure = Int(rng.next() % 60)
            let churned = rng.nextDouble() < LogisticMath.sigmoid(1.5 - 0.08 * Double(tenure))
            return [id, String(tenure), churned ? "1" : "0"]
        }
        return CustomerTable(source: "customers.csv", header: ["customer_id", "tenure", "churned"], rows: rows)
    }

    static func churnModel() throws -> ChurnModel {
        try ChurnTrainer.train(churnTable(), options: .init(features: FeatureOptions(label: "churned"))).model
    }

    /// Customers to score: the churn table without its label.
    static func unlabelled() -> CustomerTable {
        let t = churnTable()
        return CustomerTable(source: t.source, header: Array(t.header.dropLast()), rows: t.rows.map { Array($0.dropLast()) })
    }

    /// CLV scores for every customer but the last.
    static func clv(seed: UInt64 = 11) -> [CLVScore] {
        var rng = Xoshiro256(seed: seed)
        return customers.dropLast().map { id in
            CLVScore(customer: CLVCustomer(id: id, frequency: 1, recency: 10, T: 30, monetary: 20),
                     pAlive: rng.nextDouble(), expectedPurchases: 1, expectedValue: 100 * rng.nextDouble())
        }
    }

    /// Names for every item; items i0–i5 are "mugs", i6–i11 "cards"; i3 has no name.
    static func catalog() -> ProductCatalog {
        ProductCatalog(products: items.enumerated().map { k, item in
            ProductCatalog.Product(item: item, name: k == 3 ? nil : "Product \(k)", category: k < 6 ? "mugs" : "cards")
        }, columns: [.name, .category])
    }
}
