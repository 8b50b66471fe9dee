import AffinityNumerics
import AffinityServer
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
}
