import AffinityNumerics
import AffinityServer
import AffinityTestSupport
import Testing

/// Online events applied out of order, in batches and re-applied (replay) give the same factors as a
/// fold-in over the training history plus the events sorted by sequence number (the reference).
@Suite struct UserFactorStoreTests {
    @Test func outOfOrderAndRepeatedEventsFoldInBySequence() {
        let model = DenseTestModel()
        var rng = Xoshiro256(seed: 99)
        for trial in 0..<20 {
            let store = UserFactorStore(model: model)
            let user = trial % 2 == 0 ? "alice" : "new-\(trial)"
            var reference: [UInt64: Interaction] = [:]
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let batch = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                    (seq: UInt64.random(in: 1...30, using: &rng),
                     interaction: Interaction(item: "i\(Int.random(in: 0..<40, using: &rng))", weight: Float(Int.random(in: 1...4, using: &rng))))
                }
                store.apply(user: user, events: batch)
                for e in batch { reference[e.seq] = e.interaction }
            }
            let online = reference.sorted { $0.key < $1.key }.map(\.value)
            #expect(store.factors(user) == model.foldIn(model.trainedHistory(user: user) + online), "trial \(trial)")
            #expect(store.onlineItems(user) == Set(online.map(\.item)), "trial \(trial)")
        }
    }

    /// The ALS adapter's index-based fold-in equals the reference (history as external IDs + online) bit for bit.
    @Test func alsFoldInByIndexEqualsFoldInOverIDs() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-foldin")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("m.affinity"))
        let model = try ProductionModelLoader().loadRecommender(path: dir.path("m.affinity"))
        var rng = Xoshiro256(seed: 5)
        for trial in 0..<30 {
            let user = trial % 5 == 0 ? "stranger" : "u\(Int.random(in: 0..<60, using: &rng))"
            let online = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
                Interaction(item: "i\(Int.random(in: 0..<32, using: &rng))", weight: Float(Int.random(in: 1...8, using: &rng)) / 2)
            }
            let reference = model.foldIn(model.trainedHistory(user: user) + online)
            #expect(model.foldIn(historyOf: user, plus: online) == reference, "trial \(trial) user \(user)")
            #expect(model.foldIn(historyOf: nil, plus: online) == model.foldIn(online), "trial \(trial)")
        }
    }
}
