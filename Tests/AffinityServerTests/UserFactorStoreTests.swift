import AffinityData
import AffinityNumerics
import AffinityRecommender
import Foundation
import AffinityServer
import AffinityTestSupport
import Testing

/// Online events accumulated in sequence order, in batches, with replayed overlaps, give the same factors
/// as a fold-in over the training history plus the events in sequence order (the reference), bit for bit.
@Suite struct UserFactorStoreTests {
    @Test func batchesAndReplayedOverlapsFoldInBySequence() {
        let model = DenseTestModel()
        var rng = Xoshiro256(seed: 99)
        for trial in 0..<20 {
            let store = UserFactorStore(model: model)
            let user = trial % 2 == 0 ? "alice" : "new-\(trial)"
            var all: [LoggedEvent] = []
            var seq: UInt64 = 0
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let batch = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                    seq += 1
                    return LoggedEvent(seq: seq, NewEvent(user: user, item: "i\(Int.random(in: 0..<40, using: &rng))", event: "click",
                                                          weight: Float(Int.random(in: 1...4, using: &rng)), timestamp: 0))
                }
                all += batch
                // A replay that overlaps what was already applied must not count anything twice.
                let overlap = Array(all.suffix(batch.count + Int.random(in: 0...3, using: &rng)))
                store.apply(Bool.random(using: &rng) ? overlap : batch)
            }
            let online = all.map { Interaction(item: $0.item, weight: $0.weight) }
            #expect(store.factors(user) == model.foldIn(model.trainedHistory(user: user) + online), "trial \(trial)")
            #expect(store.onlineItems(user) == Set(online.map(\.item)), "trial \(trial)")
            #expect(store.onlineEventCount == all.count, "trial \(trial)")
        }
    }

    /// Memory per user is bounded by distinct items: many events for one (user, item) leave one entry.
    @Test func stateIsBoundedByDistinctItems() {
        let model = DenseTestModel()
        let store = UserFactorStore(model: model)
        let events = (1...5_000).map { (n: Int) -> LoggedEvent in
            let user = n % 2 == 0 ? "alice" : "zed", item = n % 10 == 0 ? "i9" : "i5"
            return LoggedEvent(seq: UInt64(n), NewEvent(user: user, item: item, event: "click", weight: 1, timestamp: 0))
        }
        for chunk in stride(from: 0, to: events.count, by: 64) { store.apply(Array(events[chunk..<min(chunk + 64, events.count)])) }
        // alice has two trained items (i1, i2) plus i5 and i9 online; zed only i5.
        #expect(store.stateSize("alice")! == (weights: 4, onlineItems: 2))
        #expect(store.stateSize("zed")! == (weights: 1, onlineItems: 1))
        #expect(store.onlineEventCount == 5_000)
        let aliceOnline = events.filter { $0.user == "alice" }.map { Interaction(item: $0.item, weight: $0.weight) }
        #expect(store.factors("alice") == model.foldIn(model.trainedHistory(user: "alice") + aliceOnline))
    }

    /// Factors learned event by event (accumulate, then solve, solves racing on the pool) equal a clean
    /// replay of the log into a fresh store, bit for bit; a forgotten user's later events start from nothing.
    @Test func onlineFoldInEqualsCleanReplay() throws {
        let model = DenseTestModel()
        let log = MemoryEventLog()
        let live = UserFactorStore(model: model)
        var rng = Xoshiro256(seed: 17)
        let users = ["alice", "bob", "carol", "dave"]
        for round in 0..<300 {
            if round == 150 {
                live.forget("bob")
                _ = log.forgetSync("bob")
            }
            let events = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                NewEvent(user: users[Int.random(in: 0..<users.count, using: &rng)], item: "i\(Int.random(in: 0..<40, using: &rng))",
                         event: "click", weight: Float(Int.random(in: 1...8, using: &rng)) / 2, timestamp: 0)
            }
            log.append(events) { result in
                guard case .success(let logged) = result else { return }
                let touched = live.accumulate(logged)
                DispatchQueue.concurrentPerform(iterations: touched.count) { live.solve(Array(touched)[$0]) }
            }
        }
        let clean = UserFactorStore(model: model, forgotten: Set(log.forgottenUsers().keys))
        try clean.replay(from: log)
        for user in users {
            #expect(live.factors(user) != nil)
            #expect(live.factors(user) == clean.factors(user), "\(user)")
            #expect(live.onlineItems(user) == clean.onlineItems(user), "\(user)")
        }
        #expect(live.onlineEventCount == clean.onlineEventCount)
    }

    /// The ALS adapter's index-based fold-in equals the reference (history as external IDs + online) bit for bit.
    @Test func alsFoldInByIndexEqualsFoldInOverIDs() throws {
        let (dir, model, als) = try ModelFile.loaded(prefix: "affinity-foldin")
        defer { dir.remove() }
        /// The store's path: the training weights by index, then the online events (unknown items skipped),
        /// summed in a profile.
        func foldIn(historyOf user: String?, plus online: [Interaction]) throws -> [Float]? {
            var profile = UserProfile(trained: user.map { model.trainedWeights(user: $0) } ?? [])
            for x in online { if let i = model.itemIndex(x.item) { profile.add(i, weight: x.weight) } }
            try model.foldIn(&profile)
            return profile.factors
        }
        var rng = Xoshiro256(seed: 5)
        for trial in 0..<30 {
            let user = trial % 5 == 0 ? "stranger" : "u\(Int.random(in: 0..<60, using: &rng))"
            let online = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
                Interaction(item: "i\(Int.random(in: 0..<32, using: &rng))", weight: Float(Int.random(in: 1...8, using: &rng)) / 2)
            }
            let known = online.filter { model.hasItem($0.item) }
            let reference = try als.referenceFoldIn(model.trainedHistory(user: user) + known)
            #expect(try foldIn(historyOf: user, plus: online) == reference, "trial \(trial) user \(user)")
            #expect(try foldIn(historyOf: nil, plus: online) == als.referenceFoldIn(known), "trial \(trial)")
        }
    }

    /// A fold-in that fails (a non-finite weight) is counted and the user keeps their previous factors.
    @Test func failedFoldInKeepsThePreviousFactors() {
        let model = DenseTestModel()
        let store = UserFactorStore(model: model)
        store.apply([LoggedEvent(seq: 1, NewEvent(user: "zed", item: "i4", event: "click", weight: 1, timestamp: 0))])
        let before = store.factors("zed")
        #expect(before == model.foldIn([Interaction(item: "i4", weight: 1)]))
        store.apply([LoggedEvent(seq: 2, NewEvent(user: "zed", item: "i5", event: "click", weight: .infinity, timestamp: 0))])
        #expect(store.factors("zed") == before)
        #expect(store.foldInFailures == 1)
        #expect(store.onlineItems("zed") == ["i4", "i5"])
    }
}

extension MemoryEventLog {
    /// `forget` for tests (the memory log completes on the caller's thread).
    func forgetSync(_ user: String) -> Int {
        // `@unchecked Sendable`: written by the completion, which runs before `forget` returns.
        final class Box: @unchecked Sendable { var removed = 0 }
        let box = Box()
        forget(user: user) { if case .success(let n) = $0 { box.removed = n } }
        return box.removed
    }
}
