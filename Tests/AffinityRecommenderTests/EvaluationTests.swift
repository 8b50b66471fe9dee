import AffinityData
import AffinityNumerics
import Testing
@testable import AffinityRecommender

@Suite struct EvaluationTests {
    /// Rows (user, item, time) with shared ID maps.
    static func table(_ rows: [(String, String, Int64)]) -> InteractionTable {
        var t = InteractionTable()
        t.timestamps = []
        for (u, i, time) in rows {
            t.userIndices.append(t.users.intern(u)); t.itemIndices.append(t.items.intern(i))
            t.weights.append(1); t.timestamps!.append(time)
        }
        return t
    }

    @Test func temporalCutoffKeepsOnlyKnownUsersItemsAndNewPairs() throws {
        let t = Self.table([("a", "x", 1), ("a", "y", 2), ("b", "x", 3), ("a", "z", 10), ("c", "x", 11),
                            ("b", "w", 12), ("a", "x", 13), ("b", "y", 14)])
        let s = try Splitter.split(t, strategy: .cutoff(10))
        #expect(s.trainRows == [0, 1, 2])
        // z and w are unseen items, c an unseen user, (a, x) already in train: only (b, y) stays.
        #expect(s.testRows == [7])
        #expect(s.droppedTestRows == 4)
    }

    @Test func perUserLeaveLastAndFraction() throws {
        let t = Self.table([("a", "x", 5), ("a", "y", 1), ("a", "z", 3), ("b", "x", 2), ("b", "z", 4), ("c", "y", 9)])
        let last = try Splitter.split(t, strategy: .leaveLast(1))
        // a's last is x (time 5) — but (a,x) is new, x is known from b: kept. b's last is z (4), known from a.
        #expect(last.testRows.sorted() == [0, 4])
        #expect(last.trainRows.contains(5))  // a user with one row keeps it for training
        let dropped = try Splitter.split(t, strategy: .userFraction(0.5), minUserRows: 3)
        #expect(dropped.droppedUserRows == 3)
        #expect(dropped.testRows.isEmpty)  // a's test item x is unknown once b is dropped
        #expect(throws: RecommenderError.self) { try Splitter.split(InteractionTable(), strategy: .leaveLast(1)) }
    }

    @Test func evaluatorMatchesAHandBuiltCase() throws {
        // A model with hand-set factors (f = 1): item scores rise with the item's factor, users' factors are 1.
        var users = IDMap(), items = IDMap()
        for u in ["a", "b"] { _ = users.intern(u) }
        for i in ["i0", "i1", "i2", "i3"] { _ = items.intern(i) }
        let fit = ALSFactors(users: Matrix(rows: 2, cols: 1, storage: [1, 1]),
                             items: Matrix(rows: 4, cols: 1, storage: [0.1, 0.4, 0.3, 0.2]), report: ALSFitReport())
        let history = CSRMatrix(rows: 2, cols: 4, rowIndices: [0, 1, 1], colIndices: [1, 0, 1], values: [1, 1, 1])
        var c = ALSConfig()
        c.factors = 1
        let model = ALSModel(factors: fit, matrix: history, users: users, items: items, config: c)
        let train = Self.table([("a", "i1", 1), ("b", "i0", 1), ("b", "i1", 1)])
        let test = Self.table([("a", "i3", 2), ("b", "i2", 2), ("b", "i1", 2), ("z", "i2", 2)])
        let r = try Evaluator.evaluate(model: model, train: train, test: test, k: 1, threads: 2)
        // a: ranking without i1 is i2, i3, i0 → top-1 i2 misses i3. b: without i0, i1 → top-1 i2 hits.
        #expect(r.usersEvaluated == 2 && r.testPairsSkipped == 2)
        #expect(r.model.precision == 0.5 && r.model.recall == 0.5 && r.model.ndcg == 0.5)
        #expect(r.model.coverage == 0.25)
        // Popularity from train: i1 (2 users), i0 (1), then i2, i3 by index. a → i0 (miss); b → i2 (hit).
        #expect(r.popularity.precision == 0.5 && r.popularity.coverage == 0.5)
    }
}
