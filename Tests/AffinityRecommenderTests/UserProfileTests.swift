import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// `UserProfile` and its fold-in (`ALSModel.foldIn(_:)`): sums per item index in order, the solve
/// against the reference over external ids, stale results and failures.
@Suite struct UserProfileTests {
    /// The reference: sum each item id's weights in order, then solve over the sums by ascending index
    /// with a fresh scratch.
    static func reference(_ model: ALSModel, _ interactions: [(item: String, weight: Float)]) throws -> [Float] {
        var summed: [String: Float] = [:]
        for (item, weight) in interactions { summed[item, default: 0] += weight }
        let rows = summed.map { (index: model.items.index(of: $0.key)!, weight: $0.value) }.sorted { $0.index < $1.index }
        var x: [Float] = []
        try model.foldIn(items: rows.map(\.index), weights: rows.map(\.weight), into: &x,
                         scratch: LeastSquaresScratch(factors: model.factors, rowCapacity: 1))
        return x
    }

    /// A trained user's history (or none) plus random online events with repeated items.
    static func trial(_ model: ALSModel, _ rng: inout Xoshiro256) -> (trained: Int32?, online: [(item: String, weight: Float)]) {
        let trained = rng.next() % 4 == 0 ? nil : Int32(rng.next() % UInt64(model.header.users))
        let online = (0..<Int(rng.next() % 10)).map { _ in
            (item: model.items[Int32(rng.next() % 6)], weight: Float(1 + rng.next() % 8) / 2)
        }
        return (trained, online)
    }

    /// A trained user's history by external id (empty for nil).
    static func history(_ model: ALSModel, _ user: Int32?) -> [(item: String, weight: Float)] {
        guard let user else { return [] }
        let h = model.userHistory(user)
        return zip(h.items, h.weights).map { (item: model.items[$0.0], weight: $0.1) }
    }

    static func profile(_ model: ALSModel, trained: Int32?, online: [(item: String, weight: Float)]) -> UserProfile {
        let h = trained.map { model.userHistory($0) } ?? (items: [], weights: [])
        var p = UserProfile(trained: zip(h.items, h.weights).map { (item: $0.0, weight: $0.1) })
        for (item, weight) in online { p.add(model.items.index(of: item)!, weight: weight) }
        return p
    }

    @Test func foldInEqualsTheReferenceOverIDs() throws {
        let model = try ALSModelTests.model()
        var rng = Xoshiro256(seed: 31)
        for trial in 0..<40 {
            let (trained, online) = Self.trial(model, &rng)
            var p = Self.profile(model, trained: trained, online: online)
            #expect(p.isStale)
            try model.foldIn(&p)
            #expect(!p.isStale)
            let expected = try Self.reference(model, Self.history(model, trained) + online)
            #expect(p.factors?.map(\.bitPattern) == expected.map(\.bitPattern), "trial \(trial)")
        }
    }

    /// Fold-ins on many threads at once (scratch from the model's pool) equal one at a time with fresh scratch.
    @Test func pooledScratchOnManyThreadsMatchesFreshScratch() throws {
        let model = try ALSModelTests.model()
        var rng = Xoshiro256(seed: 32)
        let cases = (0..<64).map { _ in Self.trial(model, &rng) }
        let expected = try cases.map { try Self.reference(model, Self.history(model, $0.trained) + $0.online) }
        final class Results: @unchecked Sendable {
            // Every access holds `lock`.
            let lock = NSLock()
            var factors: [[Float]?]
            init(_ n: Int) { factors = Array(repeating: nil, count: n) }
        }
        let results = Results(cases.count)
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            var p = Self.profile(model, trained: cases[i].trained, online: cases[i].online)
            try? model.foldIn(&p)
            results.lock.withLock { results.factors[i] = p.factors }
        }
        for i in cases.indices { #expect(results.factors[i]?.map(\.bitPattern) == expected[i].map(\.bitPattern), "case \(i)") }
    }

    /// A failed solve throws and leaves the previous factors; the profile stays stale until a solve succeeds.
    @Test func failedFoldInThrowsAndKeepsThePreviousFactors() throws {
        let model = try ALSModelTests.model()
        var p = UserProfile()
        p.add(2, weight: 1)
        try model.foldIn(&p)
        let before = try #require(p.factors)
        p.add(3, weight: .infinity)
        #expect(throws: RecommenderError.nonFinite(what: "the fold-in weight of item 'item-3'", fix: "send finite weights")) {
            try model.foldIn(&p)
        }
        #expect(p.factors == before)
        #expect(p.isStale)
        var outside = UserProfile()
        outside.add(ItemIndex(model.header.items), weight: 1)
        #expect(throws: RecommenderError.self) { try model.foldIn(&outside) }
        #expect(outside.factors == nil)
    }

    /// Duplicates are summed per index in the order added; a solve of an older copy is not adopted over a newer one.
    @Test func sumsInOrderAndAdoptsOnlyNewerFactors() throws {
        let model = try ALSModelTests.model()
        var p = UserProfile(trained: [(item: 4, weight: 0.1), (item: 1, weight: 2)])
        p.add(4, weight: 0.2)
        p.add(4, weight: 0.3)
        #expect(p.weights == [4: (0.1 as Float) + 0.2 + 0.3, 1: 2])
        #expect(p.sortedWeights().items == [1, 4])
        var older = p
        p.add(7, weight: 1)
        var newer = p
        try model.foldIn(&newer)
        try model.foldIn(&older)
        let tookNewer = p.adoptFactors(of: newer)
        let tookOlder = p.adoptFactors(of: older)
        #expect(tookNewer && !tookOlder)
        #expect(p.factors == newer.factors && !p.isStale)
    }
}
