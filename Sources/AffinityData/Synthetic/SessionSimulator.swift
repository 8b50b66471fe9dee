import AffinityNumerics

/// Simulates browsing sessions and checkouts for each customer in turn.
struct SessionSimulator {
    let config: SyntheticShopConfig
    let catalog: SyntheticCatalog
    let clusterCategories: [[Int]]
    private let tasteWeights = WeightedSampler(weights: [0.5, 0.3, 0.2])
    private var events: [(event: SyntheticEvent, order: Int)] = []
    /// One basket per checkout: customer, time and (item, quantity) lines.
    private var baskets: [(customer: Int, time: Int64, lines: [(item: Int, quantity: Int)])] = []

    init(config: SyntheticShopConfig, catalog: SyntheticCatalog, clusterCategories: [[Int]]) {
        self.config = config
        self.catalog = catalog
        self.clusterCategories = clusterCategories
    }

    mutating func simulate(customer index: Int, _ customer: SyntheticCustomer, rng: inout Xoshiro256) {
        let sessions = max(1, Int((customer.activity * 9 * Double(config.days) / 182).rounded()))
        let window = Double(customer.lastActiveDay) * 86_400
        for _ in 0..<sessions {
            var t = config.start + Int64(rng.nextDouble() * window)
            var views = 1
            while views < 15 && rng.nextDouble() < 0.72 { views += 1 }
            var cart: [Int] = []
            for _ in 0..<views {
                let category = rng.nextDouble() < SyntheticShop.tasteShare
                    ? clusterCategories[customer.cluster][tasteWeights.sample(&rng)]
                    : Int(rng.next() % UInt64(config.categoryCount))
                let item = catalog.sample(category: category, &rng)
                emit(index, item, .view, &t, &rng)
                guard rng.nextDouble() < SyntheticShop.clickRate else { continue }
                emit(index, item, .click, &t, &rng)
                guard rng.nextDouble() < SyntheticShop.cartRate, !cart.contains(item) else { continue }
                emit(index, item, .cartAdd, &t, &rng)
                cart.append(item)
            }
            guard !cart.isEmpty, rng.nextDouble() < SyntheticShop.checkoutRate else { continue }
            var lines: [(item: Int, quantity: Int)] = []
            for item in cart {
                emit(index, item, .purchase, &t, &rng)
                var quantity = 1
                while quantity < 24 && rng.nextDouble() < 0.35 { quantity += 1 }
                lines.append((item, quantity))
            }
            baskets.append((index, t, lines))
        }
    }

    private mutating func emit(_ customer: Int, _ item: Int, _ event: ShopEvent, _ t: inout Int64, _ rng: inout Xoshiro256) {
        events.append((SyntheticEvent(customer: customer, item: item, event: event, time: t), events.count))
        t += 5 + Int64(rng.next() % 115)
    }

    /// Events by time; ties keep generation order.
    func sortedEvents() -> [SyntheticEvent] {
        events.sorted { ($0.event.time, $0.order) < ($1.event.time, $1.order) }.map(\.event)
    }

    /// Order lines by time with invoice numbers assigned in time order; about 3% of invoices
    /// get a cancellation line (InvoiceNo `C…`, negative quantity) a few days later.
    func sortedOrders(rng: inout Xoshiro256) -> [SyntheticOrderLine] {
        let order = baskets.indices.sorted { (baskets[$0].time, $0) < (baskets[$1].time, $1) }
        let end = config.start + Int64(config.days) * 86_400
        var lines: [(line: SyntheticOrderLine, order: Int)] = []
        for (number, b) in order.enumerated() {
            let basket = baskets[b]
            let invoice = String(500_001 + number)
            for line in basket.lines {
                lines.append((SyntheticOrderLine(invoice: invoice, customer: basket.customer, item: line.item,
                                                 quantity: line.quantity, time: basket.time), lines.count))
            }
            if rng.nextDouble() < 0.03, let first = basket.lines.first {
                let when = min(end - 1, basket.time + 86_400 + Int64(rng.next() % (4 * 86_400)))
                lines.append((SyntheticOrderLine(invoice: "C" + invoice, customer: basket.customer, item: first.item,
                                                 quantity: -first.quantity, time: when), lines.count))
            }
        }
        return lines.sorted { ($0.line.time, $0.order) < ($1.line.time, $1.order) }.map(\.line)
    }
}
