import AffinityNumerics

/// Funnel events of the synthetic shop; their weights in interactions.csv are `EventWeights.funnel`.
public enum ShopEvent: String, CaseIterable, Sendable {
    case view, click
    case cartAdd = "cart_add"
    case purchase

    /// The event's weight in `EventWeights.funnel` (every case is in it).
    public var weight: Int { Int(EventWeights.funnel[rawValue] ?? 0) }
}

public struct SyntheticEvent: Sendable, Equatable {
    public var customer: Int
    public var item: Int
    public var event: ShopEvent
    public var time: Int64
}

public struct SyntheticOrderLine: Sendable, Equatable {
    public var invoice: String
    public var customer: Int
    public var item: Int
    /// Negative on cancellation lines (InvoiceNo starting with `C`).
    public var quantity: Int
    public var time: Int64
}

public struct SyntheticSurvey: Sendable, Equatable {
    public var customer: Int
    public var time: Int64
    public var nps: Int
    public var csat: Int
    public var ces: Int
}

/// A deterministic, plausible storefront: catalog, customers with taste clusters and churn,
/// browsing sessions (view → click → cart_add → purchase with drop-off), orders and surveys.
public struct SyntheticShop: Sendable {
    public let config: SyntheticShopConfig
    public let catalog: SyntheticCatalog
    public let customers: [SyntheticCustomer]
    /// For each taste cluster, its favourite categories (most preferred first).
    public let clusterCategories: [[Int]]
    /// Events in time order.
    public let events: [SyntheticEvent]
    /// Order lines (purchases and a few cancellations) in time order.
    public let orders: [SyntheticOrderLine]
    public let surveys: [SyntheticSurvey]

    /// Funnel probabilities: view → click, click → cart_add, cart → purchase at the end of a session.
    public static let clickRate = 0.35
    public static let cartRate = 0.35
    public static let checkoutRate = 0.65
    /// Share of views that follow the customer's taste cluster.
    public static let tasteShare = 0.85

    public init(config: SyntheticShopConfig) throws {
        try config.validate()
        self.config = config
        var rng = Xoshiro256(seed: config.seed)
        catalog = SyntheticCatalog(config: config, rng: &rng)
        let c = config.categoryCount
        clusterCategories = (0..<config.clusterCount).map { _ in
            var picks: [Int] = []
            while picks.count < 3 {
                let k = Int(rng.next() % UInt64(c))
                if !picks.contains(k) { picks.append(k) }
            }
            return picks
        }
        customers = (0..<config.users).map { SyntheticCustomerFactory.make(index: $0, config: config, rng: &rng) }
        var simulation = SessionSimulator(config: config, catalog: catalog, clusterCategories: clusterCategories)
        for (index, customer) in customers.enumerated() {
            simulation.simulate(customer: index, customer, rng: &rng)
        }
        events = simulation.sortedEvents()
        orders = simulation.sortedOrders(rng: &rng)
        surveys = SyntheticShop.makeSurveys(customers: customers, config: config, rng: &rng)
    }

    /// 0–3 surveys per customer; scores fall as churn risk rises.
    static func makeSurveys(customers: [SyntheticCustomer], config: SyntheticShopConfig, rng: inout Xoshiro256) -> [SyntheticSurvey] {
        var surveys: [(SyntheticSurvey, Int)] = []
        for (index, customer) in customers.enumerated() where rng.nextDouble() < 0.45 {
            let count = 1 + Int(rng.next() % 3)
            for _ in 0..<count {
                let day = Int(rng.next() % UInt64(customer.lastActiveDay))
                let satisfaction = -0.9 * (customer.churnLogit + 1) + rng.nextGaussian()
                func score(_ center: Double, _ scale: Double, _ range: ClosedRange<Int>) -> Int {
                    min(range.upperBound, max(range.lowerBound, Int((center + scale * (satisfaction + 0.5 * rng.nextGaussian())).rounded())))
                }
                let survey = SyntheticSurvey(customer: index, time: config.start + Int64(day) * 86_400 + Int64(rng.next() % 86_400),
                                             nps: score(7, 1.6, 0...10), csat: score(3.8, 0.7, 1...5), ces: score(5, 0.9, 1...7))
                surveys.append((survey, surveys.count))
            }
        }
        surveys.sort { ($0.0.time, $0.0.customer, $0.1) < ($1.0.time, $1.0.customer, $1.1) }
        return surveys.map(\.0)
    }
}
