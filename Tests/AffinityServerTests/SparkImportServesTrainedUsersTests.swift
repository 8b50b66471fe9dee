import AffinityData
import AffinityNumerics
import AffinityProtocol
import AffinityRecommender
import AffinityServer
import AffinityTestSupport
import Foundation
import Testing

/// Factors trained elsewhere in Spark MLlib's convention, imported and served: item factors are
/// seeded random, and each user's factors are the reference solve of Spark's implicit ALS user step
/// (confidence 1 + α·|w|, preference 1 only for w > 0, λ·n_u with n_u the user's positive items),
/// in Double. After `ALSModel.imported`, a NEW user whose feedback events (explicit `weight`, the same
/// rows as the trained user's interactions, duplicates included) equal a trained user's gets that
/// user's factors in `export_user` (relative L2 ≤ 1e-4: float32 Cholesky against the Double reference)
/// and the same top-10 as the trained user, for every user (seen items excluded or not; users with
/// negative feedback only unexcluded, since the server does not count an online user's negative-feedback
/// items as seen); `model_info` names the imported scheme.
@Suite struct SparkImportServesTrainedUsersTests {
    static let users = 24, items = 24, f = 6
    static let alpha: Float = 2, lambda: Float = 0.1

    /// One interactions row: a user, an item and its weight (a user may repeat an item).
    typealias Row = (user: Int, item: Int, weight: Float)

    /// 5 distinct positive items per user, the first being item u so that every item has
    /// interactions (one of them split over two rows) and, for every third user, one negative-weight
    /// row (negative feedback: confidence α·|w|, preference 0).
    static func interactions() -> [Row] {
        var rng = Xoshiro256(seed: 14)
        var rows: [Row] = []
        for u in 0..<users {
            var chosen = [u]
            while chosen.count < (u % 3 == 0 ? 6 : 5) {
                let i = Int(rng.next() % UInt64(items))
                if !chosen.contains(i) { chosen.append(i) }
            }
            for (k, i) in chosen.enumerated() {
                if u % 3 == 0 && k == 5 { rows.append((u, i, -1)); continue }
                let w = Float(1 + rng.next() % 5)
                if k == 0 && w > 1 { rows += [(u, i, 1), (u, i, w - 1)] } else { rows.append((u, i, w)) }
            }
        }
        return rows
    }

    /// Spark's user step for one user, in Double: (VᵀV + Σ α|w|·v vᵀ + λ·n·I) x = Σ_{w>0} (1 + α w)·v.
    static func sparkSolve(_ v: Matrix, summed: [Int: Float]) throws -> [Float] {
        var a = [Double](repeating: 0, count: f * f), b = [Float](repeating: 0, count: f)
        for r in 0..<v.rows {
            for p in 0..<f { for q in 0..<f { a[p * f + q] += Double(v[r, p]) * Double(v[r, q]) } }
        }
        var positives = 0
        for (i, w) in summed {
            for p in 0..<f {
                for q in 0..<f { a[p * f + q] += Double(alpha * abs(w)) * Double(v[i, p]) * Double(v[i, q]) }
                if w > 0 { b[p] += (1 + alpha * w) * v[i, p] }
            }
            if w > 0 { positives += 1 }
        }
        for p in 0..<f { a[p * f + p] += Double(lambda) * Double(positives) }
        let solved = try #require(Reference.solve(Matrix(rows: f, cols: f, storage: a.map(Float.init)), b))
        return solved.map(Float.init)
    }

    /// Writes the factor directory (Spark's layout and meta.json) and the interactions CSV; returns
    /// the user factors written.
    static func writeSparkOutput(_ dir: TemporaryDirectory, rows: [Row]) throws -> Matrix {
        let v = Fixtures.matrix(rows: items, cols: f, seed: 15)
        var u = Matrix(rows: users, cols: f)
        for user in 0..<users {
            let summed = rows.filter { $0.user == user }.reduce(into: [Int: Float]()) { $0[$1.item, default: 0] += $1.weight }
            for (p, x) in try sparkSolve(v, summed: summed).enumerated() { u[user, p] = x }
        }
        try FileManager.default.createDirectory(atPath: dir.path("spark"), withIntermediateDirectories: true)
        try NPYFixture.matrix(rows: users, cols: f, u.storage).write(to: URL(fileURLWithPath: dir.path("spark/user_factors.npy")))
        try NPYFixture.matrix(rows: items, cols: f, v.storage).write(to: URL(fileURLWithPath: dir.path("spark/item_factors.npy")))
        _ = try dir.write("spark/user_ids.txt", (0..<users).map { "u\($0)\n" }.joined())
        _ = try dir.write("spark/item_ids.txt", (0..<items).map { "i\($0)\n" }.joined())
        _ = try dir.write("spark/meta.json", """
            {"rank": \(f), "alpha": \(alpha), "regParam": \(lambda), "maxIter": 10,
             "regularization_scaling": "frequency", "confidence": "one-plus-alpha"}
            """)
        _ = try dir.write("interactions.csv", "user,item,weight\n" + rows.map { "u\($0.user),i\($0.item),\($0.weight)\n" }.joined())
        return u
    }

    static func run<R>(_ dispatcher: Dispatcher, _ request: Request, as type: R.Type) async throws -> R {
        try await EASERecommenderModelTests.run(dispatcher, request, as: type)
    }

    @Test func aNewUserWithATrainedUsersEventsGetsTheirFactorsAndTopTen() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-spark-import")
        defer { dir.remove() }
        let rows = Self.interactions()
        let expected = try Self.writeSparkOutput(dir, rows: rows)
        let table = try InteractionLoader.load(path: dir.path("interactions.csv")).table
        try ALSModel.imported(try FactorDirectory.read(dir.path("spark")), interactions: table, source: "interactions.csv",
                              settings: ImportSettings()).save(to: dir.path("m.affinity"))
        let dispatcher = try EASERecommenderModelTests.dispatcher(dir.path("m.affinity"))
        let info = try await Self.run(dispatcher, .modelInfo, as: ModelInfoResult.self)
        #expect(info.hyperparameters["regularization_scaling"] == "frequency")
        #expect(info.hyperparameters["confidence"] == "one-plus-alpha")
        for u in 0..<Self.users {
            let stranger = "new-\(u)"
            let events = rows.filter { $0.user == u }.map {
                FeedbackParams(user: stranger, item: "i\($0.item)", event: "view", weight: Double($0.weight))
            }
            _ = try await Self.run(dispatcher, .feedbackBatch(FeedbackBatchParams(events: events)), as: FeedbackBatchResult.self)
            let folded = try #require(try await Self.run(dispatcher, .exportUser(UserParams(user: stranger)), as: ExportResult.self).factors)
            let reference = (0..<Self.f).map { Double(expected[u, $0]) }
            #expect(Tolerance.relativeNormError(folded, reference) <= 1e-4, "u\(u)")
            // Ranked by the factors alone, and with seen items excluded where both users' seen sets
            // agree: an online user's negative-feedback items are not "seen", a trained user's are.
            for excludeSeen in u % 3 == 0 ? [false] : [false, true] {
                let own = try await Self.run(dispatcher, .recommend(RecommendParams(user: "u\(u)", k: 10, excludeSeen: excludeSeen)),
                                             as: RecommendResult.self)
                let new = try await Self.run(dispatcher, .recommend(RecommendParams(user: stranger, k: 10, excludeSeen: excludeSeen)),
                                             as: RecommendResult.self)
                #expect(own.source == "model" && new.source == "model")
                #expect(new.items.map(\.item) == own.items.map(\.item), "u\(u), exclude_seen \(excludeSeen)")
            }
        }
    }
}
