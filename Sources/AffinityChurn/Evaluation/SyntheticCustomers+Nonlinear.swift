import AffinityNumerics
import Foundation

extension SyntheticCustomers {
    static let nonlinearHeader = ["customer_id", "age", "tenure_months", "products", "monthly_spend", "support_calls",
                                  "contract", "region", "churned"]

    /// The true churn log-odds of the non-linear table (`churn synth --nonlinear`, docs/CHURN.md):
    ///
    ///     −2.2 + 0.0018·(age − 45)²                        U-shape: lowest at 45
    ///          + [0.5, 0, 1.6, 2.4][products − 1]           step: 3 or more products is a jump
    ///          − 0.04·min(tenure_months, 30)                 saturates after 30 months
    ///          + 0.3·support_calls + 0.012·(monthly_spend − 70)
    ///          + [0.9, 0.2, 0][contract] + 0.8·[month-to-month and tenure_months < 12]
    ///
    /// `region` has no effect. Contracts: Month-to-month, One year, Two year.
    public static func nonlinearLogit(age: Double, tenure: Double, products: Int, spend: Double, calls: Double,
                                      contract: Int) -> Double {
        let productStep = [0.5, 0, 1.6, 2.4][max(0, min(3, products - 1))]
        let contractEffect = [0.9, 0.2, 0][contract]
        let shortMonthly = contract == 0 && tenure < 12 ? 0.8 : 0
        return -2.2 + 0.0018 * (age - 45) * (age - 45) + productStep - 0.04 * min(tenure, 30)
            + 0.3 * calls + 0.012 * (spend - 70) + contractEffect + shortMonthly
    }

    /// Rows of the non-linear table. Draws per customer, in order: age uniform on 18…85; tenure
    /// ⌊exponential with mean 24⌋ capped at 72; products 1/2/3/4 with probability 0.45/0.40/0.11/0.04;
    /// monthly spend uniform on 20…120 (2 decimals); support calls Poisson(1.2); contract 50% / 25% / 25%;
    /// region uniform over north/south/east/west; then the label from `nonlinearLogit`.
    func forEachNonlinearRow<E: Error>(_ body: ([String]) throws(E) -> Void) throws(E) {
        let contracts = ["Month-to-month", "One year", "Two year"], regions = ["north", "south", "east", "west"]
        var rng = Xoshiro256(seed: seed)
        for r in 0..<rows {
            let age = 18 + Double(rng.next() % 68)
            let tenure = min(72, (-24 * log(1 - rng.nextDouble())).rounded(.down))
            let u = rng.nextDouble()
            let products = u < 0.45 ? 1 : (u < 0.85 ? 2 : (u < 0.96 ? 3 : 4))
            let spend = (2000 + rng.nextDouble() * 10_000).rounded() / 100
            var calls = 0, t = rng.nextDouble()
            while t > exp(-1.2) { t *= rng.nextDouble(); calls += 1 }
            let c = rng.nextDouble()
            let contract = c < 0.5 ? 0 : (c < 0.75 ? 1 : 2)
            let region = regions[Int(rng.next() % 4)]
            let z = Self.nonlinearLogit(age: age, tenure: tenure, products: products, spend: spend, calls: Double(calls), contract: contract)
            let churned = rng.nextDouble() < LogisticMath.sigmoid(z)
            try body(["N\(r + 1)", String(Int(age)), String(Int(tenure)), String(products), String(spend), String(calls),
                      contracts[contract], region, churned ? "Yes" : "No"])
        }
    }
}
