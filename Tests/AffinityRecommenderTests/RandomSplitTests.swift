import AffinityData
import Testing
@testable import AffinityRecommender

/// `affinity split --random`: a seeded random fraction of each user's rows, for data without timestamps.
@Suite struct RandomSplitTests {
    /// `users` users who each have every one of `items` items once (no timestamps), plus one user with a single row.
    static func table(users: Int = 20, items: Int = 10) -> InteractionTable {
        var t = InteractionTable(users: IDMap(ids: (0...users).map { "u\($0)" }), items: IDMap(ids: (0..<items).map { "i\($0)" }))
        for u in 0..<users {
            for i in 0..<items { t.userIndices.append(Int32(u)); t.itemIndices.append(Int32(i)); t.weights.append(1) }
        }
        t.userIndices.append(Int32(users)); t.itemIndices.append(0); t.weights.append(1)
        return t
    }

    @Test func eachUserGetsRoundedFractionOfTestRowsAndOneRowUsersKeepTheirs() throws {
        let t = Self.table()
        let s = try Splitter.split(t, strategy: .randomUserFraction(0.3, seed: 7))
        #expect(Set(s.trainRows).isDisjoint(with: s.testRows))
        #expect(s.droppedTestRows == 0 && Set(s.trainRows + s.testRows) == Set(0..<t.count))
        for u in 0..<Int32(20) {
            #expect(s.testRows.filter { t.userIndices[$0] == u }.count == 3, "user \(u)")
        }
        #expect(!s.testRows.contains(t.count - 1), "a user with one row keeps it for training")
    }

    @Test func theSameSeedGivesTheSameSplitAndAnotherSeedAnother() throws {
        let t = Self.table()
        let a = try Splitter.split(t, strategy: .randomUserFraction(0.3, seed: 7))
        let b = try Splitter.split(t, strategy: .randomUserFraction(0.3, seed: 7))
        let c = try Splitter.split(t, strategy: .randomUserFraction(0.3, seed: 8))
        #expect(a.testRows == b.testRows && a.trainRows == b.trainRows)
        #expect(a.testRows != c.testRows)
        // Not simply the last rows of each user in file order.
        #expect(a.testRows != (0..<20).flatMap { u in (7..<10).map { u * 10 + $0 } })
    }

    @Test func temporalStrategiesStillNeedTimestampsAndSaySo() {
        do { _ = try Splitter.split(Self.table(), strategy: .userFraction(0.3)); Issue.record("expected an error") } catch {
            #expect(error.description.contains("split with --random"), "\(error.description)")
        }
    }

    @Test(arguments: [0.0, 1.0, -0.5])
    func badFractionsAreRefused(f: Double) {
        #expect(throws: RecommenderError.self) { try Splitter.split(Self.table(), strategy: .randomUserFraction(f, seed: 1)) }
    }
}
