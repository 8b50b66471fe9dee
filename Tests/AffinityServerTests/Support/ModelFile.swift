import AffinityData
import AffinityRecommender
import AffinityServer
import AffinityTestSupport

/// Small real model files (60 users × 30 items, seeded): ALS with 8 factors, and EASE.
enum ModelFile {
    static func write(to path: String, users: Int = 60, items: Int = 30, seed: UInt64 = 11) throws {
        let table = table(users: users, items: items, seed: seed)
        var config = ALSConfig()
        config.factors = 8
        config.iterations = 5
        config.threads = 1
        config.solver = .cholesky
        config.regularization = 0.1
        try ALSModel.train(table, config: config).save(to: path)
    }

    /// The seeded interactions the test models train on: users "u0"…, items "<itemPrefix>0"…, six
    /// draws per user within a block of six items (duplicates summed), weights 1–4.
    static func table(users: Int = 60, items: Int = 30, seed: UInt64 = 11, itemPrefix: String = "i") -> InteractionTable {
        var table = InteractionTable()
        table.users = IDMap(ids: (0..<users).map { "u\($0)" })
        table.items = IDMap(ids: (0..<items).map { "\(itemPrefix)\($0)" })
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
        return table
    }

    /// A small real EASE model file over the same interactions (λ = 2), optionally with other item ids.
    static func writeEASE(to path: String, itemPrefix: String = "i") throws {
        try EASEModel.train(table(itemPrefix: itemPrefix), config: EASEConfig(l2: 2)).save(to: path)
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
