import AffinityData
import AffinityTestSupport
import Foundation
import Testing

/// Area under the ROC curve by ranking (ties get the average rank): the reference definition.
private func auc(scores: [Double], labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var ranks = [Double](repeating: 0, count: scores.count)
    var k = 0
    while k < order.count {
        var j = k
        while j + 1 < order.count && scores[order[j + 1]] == scores[order[k]] { j += 1 }
        for m in k...j { ranks[order[m]] = Double(k + j) / 2 + 1 }
        k = j + 1
    }
    let positives = labels.filter { $0 }.count, negatives = labels.count - positives
    let rankSum = zip(ranks, labels).filter(\.1).map(\.0).reduce(0, +)
    return (rankSum - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
}

@Suite struct SyntheticShopTests {
    static let config = SyntheticShopConfig(users: 600, items: 200, seed: 5)

    @Test func sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try SyntheticShop(config: Self.config).write(to: dir.path("a"))
        try SyntheticShop(config: Self.config).write(to: dir.path("b"))
        var other = Self.config
        other.seed = 6
        try SyntheticShop(config: other).write(to: dir.path("c"))
        for name in SyntheticShop.fileNames {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("a/\(name)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir.path("b/\(name)")))
            let c = try Data(contentsOf: URL(fileURLWithPath: dir.path("c/\(name)")))
            #expect(a == b, "\(name)")
            #expect(a != c, "\(name)")
            #expect(a.count > 30, "\(name)")
        }
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path("a")).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func customersMostlyViewTheirTasteClusters() throws {
        let config = SyntheticShopConfig(users: 400, items: 600, seed: 3)
        let shop = try SyntheticShop(config: config)
        // Share of views in the categories of the customer's own cluster, and of the next cluster (a control).
        func share(shift: Int) -> Double {
            var hits = 0, views = 0
            for e in shop.events where e.event == .view {
                views += 1
                let cluster = (shop.customers[e.customer].cluster + shift) % config.clusterCount
                if shop.clusterCategories[cluster].contains(shop.catalog.items[e.item].category) { hits += 1 }
            }
            return Double(hits) / Double(views)
        }
        let own = share(shift: 0), control = share(shift: 1)
        #expect(own > 0.8, "own-cluster share \(own)")
        #expect(own > control + 0.4, "own \(own) vs control \(control)")
    }

    @Test func popularityIsHeavyTailed() throws {
        let shop = try SyntheticShop(config: Self.config)
        var counts = [Int](repeating: 0, count: Self.config.items)
        for e in shop.events where e.event == .view { counts[e.item] += 1 }
        let sorted = counts.sorted(by: >)
        let top = sorted.prefix(Self.config.items / 10).reduce(0, +)
        #expect(Double(top) / Double(sorted.reduce(0, +)) > 0.4)
    }

    @Test func funnelStepsFollowEachOtherAndDropOff() throws {
        let shop = try SyntheticShop(config: Self.config)
        var count: [ShopEvent: Int] = [:]
        var reached: [ShopEvent: Set<[Int]>] = [:]
        for e in shop.events {
            count[e.event, default: 0] += 1
            let key = [e.customer, e.item]
            let previous: ShopEvent? = switch e.event {
            case .view: nil
            case .click: .view
            case .cartAdd: .click
            case .purchase: .cartAdd
            }
            if let previous { #expect(reached[previous]?.contains(key) == true, "\(e.event) without \(previous)") }
            reached[e.event, default: []].insert(key)
        }
        #expect(count[.view]! > count[.click]!)
        #expect(count[.click]! > count[.cartAdd]!)
        #expect(count[.cartAdd]! > count[.purchase]!)
        #expect(count[.purchase]! > 0)
        #expect(zip(shop.events, shop.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        let span = shop.events.last!.time - shop.events.first!.time
        #expect(span > 150 * 86_400) // spread over months
    }

    @Test func churnDependsOnFeaturesButNotPerfectly() throws {
        let shop = try SyntheticShop(config: SyntheticShopConfig(users: 3000, items: 100, seed: 9))
        let labels = shop.customers.map(\.churned)
        let rate = Double(labels.filter { $0 }.count) / Double(labels.count)
        #expect(rate > 0.15 && rate < 0.45, "churn rate \(rate)")
        let a = auc(scores: shop.customers.map(\.churnLogit), labels: labels)
        #expect(a > 0.7 && a < 0.97, "AUC of the noiseless logit \(a)")
        // One feature alone carries signal: month-to-month contracts churn more.
        let monthly = shop.customers.filter { $0.contract == "month-to-month" }
        let twoYear = shop.customers.filter { $0.contract == "two-year" }
        let r1 = Double(monthly.filter(\.churned).count) / Double(monthly.count)
        let r2 = Double(twoYear.filter(\.churned).count) / Double(twoYear.count)
        #expect(r1 > r2 + 0.1)
    }

    @Test func surveysAreLowerForChurners() throws {
        let shop = try SyntheticShop(config: SyntheticShopConfig(users: 3000, items: 100, seed: 9))
        func meanNPS(_ churned: Bool) -> Double {
            let s = shop.surveys.filter { shop.customers[$0.customer].churned == churned }
            return Double(s.map(\.nps).reduce(0, +)) / Double(s.count)
        }
        #expect(meanNPS(true) + 0.5 < meanNPS(false))
        #expect(shop.surveys.allSatisfy { (0...10).contains($0.nps) && (1...5).contains($0.csat) && (1...7).contains($0.ces) })
    }

    @Test func filesLoadWithTheLoaderAndPreset() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try SyntheticShop(config: Self.config)
        try shop.write(to: dir.url.path)
        let interactions = try InteractionLoader.load(path: dir.path("interactions.csv"))
        #expect(interactions.report.rowsKept == shop.events.count)
        #expect(interactions.table.eventTypes.sorted() == ["cart_add", "click", "purchase", "view"])
        let orders = try InteractionLoader.load(path: dir.path("orders.csv"), options: InteractionLoadOptions(preset: .onlineRetail))
        let cancellations = shop.orders.filter { $0.invoice.hasPrefix("C") }.count
        #expect(orders.report.skipped[.cancellation]?.count ?? 0 == cancellations)
        #expect(orders.report.rowsKept == shop.events.filter { $0.event == .purchase }.count)
        let customers = try CSVReader(path: dir.path("customers.csv"))
        #expect(try customers.readAll().count == Self.config.users)
        #expect(try customers.columnIndex("churned") == customers.header.count - 1)
    }

    @Test func invalidConfigNamesTheSetting() {
        #expect(throws: DataError.invalid("users must be between 1 and 1000000; got 0")) {
            _ = try SyntheticShop(config: SyntheticShopConfig(users: 0))
        }
    }
}
