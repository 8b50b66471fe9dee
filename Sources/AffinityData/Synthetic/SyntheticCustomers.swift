import AffinityNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One customer (= user) of the synthetic shop: taste, activity, account features and churn.
public struct SyntheticCustomer: Sendable, Equatable {
    public var id: String
    /// Latent taste cluster (not written to any file; tests use it to check planted structure).
    public var cluster: Int
    /// Relative activity level (log-normal, mean about 1).
    public var activity: Double
    public var country: String
    public var tenureMonths: Int
    public var plan: String
    public var contract: String
    public var paymentMethod: String
    public var monthlySpendCents: Int
    public var supportTickets: Int
    public var discountUser: Bool
    public var paperlessBilling: Bool
    /// The log-odds of churn before noise (what a perfect model could know).
    public var churnLogit: Double
    public var churned: Bool
    /// Churners stop shopping after this day of the period.
    public var lastActiveDay: Int
}

/// Draws customers whose churn label depends on their features through a logistic link plus noise.
enum SyntheticCustomerFactory {
    static let countries = ["United Kingdom", "Germany", "France", "EIRE", "Spain", "Netherlands", "Belgium", "Switzerland"]
    static let countryWeights = WeightedSampler(weights: [70, 6, 6, 4, 4, 4, 3, 3])
    static let plans = ["basic", "standard", "premium"]
    static let planWeights = WeightedSampler(weights: [45, 38, 17])
    static let planSpend = [19.0, 42.0, 79.0]
    static let contracts = ["month-to-month", "one-year", "two-year"]
    static let contractWeights = WeightedSampler(weights: [55, 25, 20])
    static let payments = ["card", "paypal", "bank-transfer", "invoice"]
    static let paymentWeights = WeightedSampler(weights: [45, 25, 20, 10])

    /// Coefficients of the churn log-odds (documented in docs/FORMATS.md).
    static func churnLogit(tenure: Int, plan: Int, contract: Int, spend: Double, tickets: Int, discount: Bool,
                           paperless: Bool, activity: Double, payment: Int) -> Double {
        var z = -1.6
        z += contract == 0 ? 0.9 : (contract == 1 ? -0.3 : -1.2)
        z += -0.04 * Double(tenure)
        z += 0.35 * Double(tickets)
        z += discount ? 0.6 : 0
        z += paperless ? 0.25 : 0
        z += payment == 3 ? 0.4 : 0
        z += 0.012 * (spend - planSpend[plan])
        z += -0.7 * log(activity)
        return z
    }

    static func make(index: Int, config: SyntheticShopConfig, rng: inout Xoshiro256) -> SyntheticCustomer {
        let cluster = Int(rng.next() % UInt64(config.clusterCount))
        let activity = exp(0.8 * rng.nextGaussian() - 0.32)
        let country = countries[countryWeights.sample(&rng)]
        let tenure = min(72, 1 + Int(-18 * log(1 - rng.nextDouble())))
        let plan = planWeights.sample(&rng)
        let contract = contractWeights.sample(&rng)
        let payment = paymentWeights.sample(&rng)
        let spend = max(5, planSpend[plan] + 9 * rng.nextGaussian())
        // Poisson support tickets (Knuth's method); basic plans raise more.
        var tickets = 0
        let floor = exp(-(0.8 + (plan == 0 ? 0.6 : 0)))
        var product = rng.nextDouble()
        while product > floor && tickets < 20 { tickets += 1; product *= rng.nextDouble() }
        let discount = rng.nextDouble() < 0.25
        let paperless = rng.nextDouble() < 0.6
        let z = churnLogit(tenure: tenure, plan: plan, contract: contract, spend: spend, tickets: tickets,
                           discount: discount, paperless: paperless, activity: activity, payment: payment)
        let noisy = z + 0.8 * rng.nextGaussian()
        let churned = rng.nextDouble() < 1 / (1 + exp(-noisy))
        let lastActive = churned ? Int(Double(config.days) * (0.25 + 0.6 * rng.nextDouble())) : config.days
        return SyntheticCustomer(
            id: String(100_000 + index), cluster: cluster, activity: activity, country: country,
            tenureMonths: tenure, plan: plans[plan], contract: contracts[contract], paymentMethod: payments[payment],
            monthlySpendCents: Int((spend * 100).rounded()), supportTickets: tickets, discountUser: discount,
            paperlessBilling: paperless, churnLogit: z, churned: churned, lastActiveDay: max(1, lastActive))
    }
}
