import AffinityData
import AffinityRecommender
import AffinityServer
import AffinityTestSupport

/// A small real ALS model file (60 users × 30 items, 8 factors, seeded) for tests that run the binary.
enum ModelFile {
    static func write(to path: String, users: Int = 60, items: Int = 30, seed: UInt64 = 11) throws {
        var table = InteractionTable()
        table.users = IDMap(ids: (0..<users).map { "u\($0)" })
        table.items = IDMap(ids: (0..<items).map { "i\($0)" })
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for u in 0..<users {
            for _ in 0..<6 {
                table.userIndices.append(Int32(u))
                table.itemIndices.append(Int32((u % 5) * 6 + Int(next() % 6)))
                table.weights.append(Float(1 + next() % 4))
            }
        }
        var config = ALSConfig()
        config.factors = 8
        config.iterations = 5
        config.threads = 1
        config.solver = .cholesky
        config.regularization = 0.1
        try ALSModel.train(table, config: config).save(to: path)
    }

    /// Writes the model into a fresh temporary directory and loads it twice: through the server's
    /// loader (the ALS adapter) and as the plain `ALSModel`, the reference. Remove `dir` when done.
    static func loaded(prefix: String) throws -> (dir: TemporaryDirectory, model: any RecommenderModel, als: ALSModel) {
        let dir = try TemporaryDirectory(prefix: prefix)
        do {
            let path = dir.path("m.affinity")
            try write(to: path)
            return (dir, try ProductionModelLoader().loadRecommender(path: path), try ALSModel.load(path: path))
        } catch {
            dir.remove()
            throw error
        }
    }
}
