import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

@Suite struct ALSModelTests {
    static func table(users: Int = 40, items: Int = 30, seed: UInt64 = 8) -> InteractionTable {
        let m = ALSFixtures.randomMatrix(users: users, items: items, density: 0.15, seed: seed)
        var t = InteractionTable(users: IDMap(ids: (0..<users).map { "user-\($0)" }),
                                 items: IDMap(ids: (0..<items).map { "item-\($0)" }))
        for u in 0..<m.rows {
            for k in m.range(ofRow: u) {
                t.userIndices.append(Int32(u)); t.itemIndices.append(m.columns[k]); t.weights.append(m.values[k])
            }
        }
        t.timestamps = (0..<t.count).map { Int64(1_700_000_000 + $0) }
        return t
    }

    static func model(iterations: Int = 4, solver: ALSSolver = .conjugateGradient(steps: 3)) throws -> ALSModel {
        var c = ALSConfig()
        c.factors = 8; c.iterations = iterations; c.threads = 2; c.regularization = 0.1; c.solver = solver
        return try ALSModel.train(table(), config: c, datasetSource: "fixture")
    }

    @Test func roundTripIsBitExact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.model()
        let path = dir.path("m.affinity")
        try model.save(to: path)
        let loaded = try ALSModel.load(path: path)
        #expect(loaded.header == model.header)
        #expect(loaded.users == model.users && loaded.items == model.items)
        for u in 0..<Int32(model.header.users) {
            #expect(Array(loaded.userFactors(u)).map(\.bitPattern) == Array(model.userFactors(u)).map(\.bitPattern))
            #expect(loaded.userHistory(u) == model.userHistory(u))
        }
        for i in 0..<Int32(model.header.items) {
            #expect(Array(loaded.itemFactors(i)).map(\.bitPattern) == Array(model.itemFactors(i)).map(\.bitPattern))
        }
        #expect(loaded.header.trainingWatermark == 1_700_000_000 + Int64(Self.table().count - 1))
        #expect(loaded.recommend(user: "user-3", k: 5) == model.recommend(user: "user-3", k: 5))
    }

    static func damaged(_ change: (inout [UInt8]) -> Void) throws -> String {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("m.affinity")
        try model().save(to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ALSModel.load(path: path)
            return "loaded"
        } catch {
            return error.description
        }
    }

    @Test func corruptedTruncatedAndFutureFilesAreRefused() throws {
        #expect(try Self.damaged { $0[$0.count / 2] ^= 0x40 }.contains("checksum mismatch"))
        #expect(try Self.damaged { $0.removeLast(100) }.contains("truncated"))
        #expect(try Self.damaged { $0.removeLast($0.count - 20) }.contains("truncated"))
        #expect(try Self.damaged { $0[8] = 9 }.contains("version 9 is newer"))
        #expect(try Self.damaged { $0[0] = UInt8(ascii: "X") }.contains("bad magic"))
        let missing = try TemporaryDirectory()
        defer { missing.remove() }
        #expect(throws: RecommenderError.self) { try ALSModel.load(path: missing.path("none.affinity")) }
    }

    @Test func seenItemsAreNeverRecommended() throws {
        let model = try Self.model()
        for u in 0..<Int32(model.header.users) {
            let seen = Set(model.userHistory(u).items)
            let recs = model.recommend(userIndex: u, k: 30)
            #expect(recs.count == model.header.items - seen.count)
            #expect(recs.allSatisfy { !seen.contains($0.itemIndex) })
            #expect(zip(recs, recs.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test func foldInReproducesATrainedUser() throws {
        // Train, then finish with one more exact user half-sweep (the trainer's own code path), so
        // the stored users are exactly the least-squares solutions against the stored items.
        // Fold-in goes through the model (its Gram, λ, α, convention and history) and must agree.
        let t = Self.table()
        var c = ALSConfig()
        c.factors = 8; c.iterations = 5; c.threads = 1; c.regularization = 0.1; c.solver = .cholesky; c.alpha = 3
        let matrix = t.csr()
        var fit = try ALSTrainer(config: c).fit(matrix)
        var gram = Matrix(rows: 8, cols: 8), pieces = Matrix(rows: ALSTrainer.gramPieces * 8, cols: 8)
        let failed = ALSTrainer.halfSweep(&fit.users, fixed: fit.items, csr: matrix, blocks: [0..<matrix.rows], gram: &gram,
                                          gramPieces: &pieces,
                                          regularization: c.regularization, scaling: .none, confidence: Confidence(alpha: 3, convention: .onePlusAlpha),
                                          solver: .cholesky, scratches: [LeastSquaresScratch(factors: 8, rowCapacity: 64)])
        #expect(failed.notPositiveDefinite == nil && failed.nonFinite == nil)
        let model = ALSModel(factors: fit, matrix: matrix, users: t.users, items: t.items, config: c)
        let scratch = LeastSquaresScratch(factors: model.factors)
        var worst: Float = 0
        for u in 0..<Int32(model.header.users) {
            let h = model.userHistory(u)
            var x: [Float] = []
            try model.foldIn(items: h.items, weights: h.weights, into: &x, scratch: scratch)
            let stored = Array(model.userFactors(u))
            worst = max(worst, zip(x, stored).map { abs($0 - $1) }.max()! / stored.map(abs).max()!)
            let fromFold = x.withUnsafeBufferPointer { model.recommend(factors: $0, seen: h.items, k: 3) }
            #expect(fromFold.map(\.item) == model.recommend(userIndex: u, k: 3).map(\.item))
        }
        // Same arithmetic except the Gram matrix (one ssyrk in the sweep, one at model load): Float32 rounding only.
        #expect(worst < 1e-4, "largest relative difference \(worst)")
    }

    @Test func unknownUserFallsBackToPopularItems() throws {
        let model = try Self.model()
        let list = model.recommend(user: "nobody", k: 3)
        #expect(list.source == .popularFallback)
        let counts = (0..<Int32(model.header.items)).map { i in
            (0..<Int32(model.header.users)).filter { model.hasSeen(user: $0, item: i) }.count
        }
        let expected = (0..<counts.count).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }.prefix(3)
        #expect(list.items.map { Int($0.itemIndex) } == Array(expected))
        #expect(model.recommend(user: "user-1", k: 3).source == .model)
    }

    @Test func filtersAndCategoryCapsAreHonoured() throws {
        let model = try Self.model()
        let entries = (0..<30).map { ItemCatalog.Entry(item: "item-\($0)", category: "c\($0 % 3)", price: Float($0)) }
        let catalog = ItemCatalog(items: model.items, entries: entries)
        var filter = RecommendationFilter(excludeItems: ["item-5"], excludeCategories: ["c2"], maxPerCategory: 2)
        let recs = model.recommend(user: "user-0", k: 10, filter: filter, catalog: catalog).items
        #expect(recs.count == 4)  // two categories left, at most two each
        #expect(recs.allSatisfy { $0.item != "item-5" && catalog.category(of: $0.itemIndex) != "c2" })
        filter = RecommendationFilter(categories: ["c1"])
        #expect(model.recommend(user: "user-0", k: 5, filter: filter, catalog: catalog).items
            .allSatisfy { catalog.category(of: $0.itemIndex) == "c1" })
        filter = RecommendationFilter(includeItems: ["item-1", "item-2", "zzz"])
        #expect(Set(model.recommend(user: "nobody", k: 5, filter: filter).items.map(\.item)).isSubset(of: ["item-1", "item-2"]))
    }

    @Test func similarItemsAndCartQuery() throws {
        let model = try Self.model()
        let similar = try model.similarItems(item: "item-4", k: 5)
        #expect(similar.count == 5 && !similar.contains { $0.item == "item-4" })
        #expect(similar.allSatisfy { $0.score <= 1.0001 && $0.score >= -1.0001 })
        #expect(throws: RecommenderError.unknownItem("nope")) { try model.similarItems(item: "nope") }
        let cart = model.recommendItems(items: ["item-1", "item-2", "unknown"], k: 5)
        #expect(cart.source == .model && cart.items.count == 5)
        #expect(!cart.items.contains { $0.item == "item-1" || $0.item == "item-2" })
        #expect(model.recommendItems(items: ["unknown"], k: 2).source == .popularFallback)
    }

    @Test func nonFiniteFactorsAreNeverSaved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let t = Self.table(users: 3, items: 3)
        var fit = ALSFactors(users: Matrix(rows: 3, cols: 2), items: Matrix(rows: 3, cols: 2), report: ALSFitReport())
        fit.items[1, 1] = .infinity
        var c = ALSConfig()
        c.factors = 2
        let model = ALSModel(factors: fit, matrix: t.csr(), users: t.users, items: t.items, config: c)
        #expect(throws: RecommenderError.self) { try model.save(to: dir.path("bad.affinity")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("bad.affinity")))
    }
}
