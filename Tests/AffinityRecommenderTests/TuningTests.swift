import AffinityData
import AffinityNumerics
import Testing
@testable import AffinityRecommender

/// `Tuner`: the validation split comes from the training table alone, the plan respects the
/// budget, and a search is reproducible from its seed.
@Suite struct TuningTests {
    /// 45 users in 3 taste groups of 8 items; each user has one item of another group, then 6 items
    /// of their own (in time order). Seeded, with timestamps unless `timed` is false.
    static func groups(timed: Bool = true) -> InteractionTable {
        var rng = Xoshiro256(seed: 11)
        var t = InteractionTable()
        var times: [Int64] = []
        for u in 0..<45 {
            let g = u % 3
            var items = Array(0..<8).map { g * 8 + $0 }
            rng.shuffle(&items)
            for i in [((g + 1) % 3) * 8 + Int(rng.next() % 8)] + items.prefix(6) {
                t.userIndices.append(t.users.intern("u\(u)")); t.itemIndices.append(t.items.intern("i\(i)"))
                t.weights.append(1); times.append(Int64(1_000 + times.count))
            }
        }
        if timed { t.timestamps = times }
        return t
    }

    static func config(budget: Int, seed: UInt64 = 5, algorithms: [TuningAlgorithm] = TuningAlgorithm.allCases) -> TuningConfig {
        var c = TuningConfig()
        c.algorithms = algorithms
        c.budget = budget
        c.seed = seed
        c.threads = 2
        return c
    }

    @Test func validationSplitHoldsOutEachUsersLatestTrainRows() throws {
        let table = Self.groups()
        let split = try Tuner.validationSplit(table, fraction: 0.2, seed: 1)
        #expect(!split.testRows.isEmpty)
        #expect(split.trainRows.count + split.testRows.count + split.droppedTestRows == table.count)
        #expect(Set(split.trainRows).isDisjoint(with: split.testRows))
        let time = try #require(table.timestamps)
        for r in split.testRows {
            // Every validation pair is a row of the training table, later than all of its user's train rows.
            let u = table.userIndices[r]
            let latestTrain = split.trainRows.filter { table.userIndices[$0] == u }.map { time[$0] }.max() ?? .max
            #expect(time[r] > latestTrain, "row \(r)")
        }
        let trainUsers = Set(split.trainRows.map { table.userIndices[$0] }), trainItems = Set(split.trainRows.map { table.itemIndices[$0] })
        #expect(split.testRows.allSatisfy { trainUsers.contains(table.userIndices[$0]) && trainItems.contains(table.itemIndices[$0]) })
    }

    @Test func withoutTimestampsTheValidationSplitIsARandomFractionPerUserFromTheSeed() throws {
        let table = Self.groups(timed: false)
        let a = try Tuner.validationSplit(table, fraction: 0.3, seed: 1)
        let b = try Tuner.validationSplit(table, fraction: 0.3, seed: 1)
        let c = try Tuner.validationSplit(table, fraction: 0.3, seed: 2)
        #expect(a.testRows == b.testRows && a.trainRows == b.trainRows)
        #expect(a.testRows != c.testRows)
        #expect(a.train.timestamps == nil && a.test.timestamps == nil)
        #expect(a.trainRows.count + a.testRows.count + a.droppedTestRows == table.count)
        // round(7 · 0.3) = 2 rows held out per user before the unknown-item/repeat filter.
        var perUser = [Int32: Int]()
        for r in a.testRows { perUser[table.userIndices[r], default: 0] += 1 }
        #expect(perUser.values.allSatisfy { $0 <= 2 } && perUser.count > 30)
        // Not simply each user's last rows in file order.
        let last = try Splitter.split(EvaluationTests.table((0..<table.count).map {
            ("u\(table.userIndices[$0])", "i\(table.itemIndices[$0])", Int64($0))
        }), strategy: .userFraction(0.3))
        #expect(a.testRows != last.testRows)
    }

    /// `groups()` with interleaved times: every user's k-th row happens in round k, so a global
    /// time cut leaves each user rows on both sides.
    static func rounds() -> InteractionTable {
        var t = groups()
        var seen = [Int32: Int64]()
        t.timestamps = t.userIndices.map { u in
            defer { seen[u, default: 0] += 1 }
            return 1_000 + seen[u, default: 0] * 100 + Int64(u)
        }
        return t
    }

    @Test func globalTimeValidationHoldsOutTheLatestRowsOfAllUsers() throws {
        let table = Self.rounds()
        let split = try Tuner.validationSplit(table, fraction: 0.3, seed: 1, scheme: .globalTime)
        let time = try #require(table.timestamps)
        #expect(split.trainRows.count + split.testRows.count + split.droppedTestRows == table.count)
        // One cut for everyone: every validation row is later than every train row.
        let latestTrain = try #require(split.trainRows.map { time[$0] }.max())
        #expect(split.testRows.allSatisfy { time[$0] > latestTrain })
        // The earliest 70 % of the 315 rows (220; the times are distinct) train; the rest, minus unknown items and repeats, validate.
        #expect(split.trainRows.count == 220 && split.testRows.count > 50)
        let trainUsers = Set(split.trainRows.map { table.userIndices[$0] }), trainItems = Set(split.trainRows.map { table.itemIndices[$0] })
        #expect(split.testRows.allSatisfy { trainUsers.contains(table.userIndices[$0]) && trainItems.contains(table.itemIndices[$0]) })
        // Users on both sides of the cut; per-user (each user's last round(7 · 0.3) = 2 rows) holds out other rows.
        #expect(Set(split.testRows.map { table.userIndices[$0] }).count > 30)
        #expect(try Tuner.validationSplit(table, fraction: 0.3, seed: 1).testRows != split.testRows)
        // Without timestamps there is no time to cut at.
        do {
            _ = try Tuner.validationSplit(Self.groups(timed: false), fraction: 0.2, seed: 1, scheme: .globalTime)
            Issue.record("no error without timestamps")
        } catch { #expect(error.description.contains("--validation-split global-time") && error.description.contains("needs timestamps")) }
    }

    @Test func aGlobalTimeSearchRecordsItsSchemeAndIsReproducible() throws {
        var c = Self.config(budget: 2)
        c.validationSplit = .globalTime
        let a = try Tuner.tune(Self.rounds(), config: c).report
        #expect(a == (try Tuner.tune(Self.rounds(), config: c).report))
        #expect(a.validation.scheme == .globalTime && a.validation.order == "time" && a.validation.trainRows == 252)
        #expect(try ValidationScheme(parsing: "global-time") == .globalTime)
        do { _ = try ValidationScheme(parsing: "random"); Issue.record("parsed 'random'") } catch {
            #expect(error.description == "validation-split must be per-user or global-time; got 'random'")
        }
    }

    @Test(arguments: [(5, [3, 2]), (2, [1, 1]), (7, [4, 3]), (1000, [960, 18])])
    func planSharesTheBudgetAndNeverExceedsIt(budget: Int, alsAndEASE: [Int]) {
        // EASE's grid (18 points) is smaller than ALS's (960): it never gets more than its grid.
        #expect(TuningPlan.allocation(budget: budget, algorithms: [.als, .ease]) == alsAndEASE)
        let planned = TuningPlan.candidates(Self.config(budget: budget, algorithms: [.als, .ease]))
        #expect(planned.filter { $0.algorithm == .als }.count == alsAndEASE[0])
        #expect(planned.filter { $0.algorithm == .ease }.count == alsAndEASE[1])
        #expect(planned.count <= budget)
        #expect(Set(planned.map { "\($0.algorithm)\($0.values)" }).count == planned.count)  // no point twice
    }

    @Test func gridPointsDecodeToEveryCombinationOnce() {
        let als = TuningAlgorithm.als
        let points = (0..<als.gridSize).map { TuningPlan.candidate($0, of: als) }
        #expect(als.gridSize == 960 && Set(points.map(\.text)).count == 960)
        // The first grid holds the unscaled λ, the second the frequency-scaled ones.
        #expect(points[0].text == "factors=32 alpha=0.1 iterations=15 weight-transform=none regularization-scaling=none regularization=1")
        #expect(points[959].text == "factors=256 alpha=10 iterations=30 weight-transform=bm25 regularization-scaling=frequency regularization=0.3")
        let settings = points[959].settings(from: TrialSettings())
        #expect(settings.als.factors == 256 && settings.als.alpha == 10 && settings.als.regularization == 0.3
                && settings.als.regularizationScaling == .frequency && settings.als.iterations == 30
                && settings.als.weightTransform == .bm25)
        #expect(points[959].hyperparameters["regularization-scaling"] == "frequency")
        let ease = TuningPlan.candidate(3, of: .ease).settings(from: TrialSettings())
        #expect(ease.ease.l2 == 100 && ease.als == ALSConfig())
    }

    @Test func searchUsesTheBudgetPicksTheBestTrialAndTrainsOnEverything() throws {
        let table = Self.groups()
        let outcome = try Tuner.tune(table, config: Self.config(budget: 4))
        let r = outcome.report
        #expect(r.trials.count == 4 && r.trials.filter { $0.algorithm == .ease }.count == 2)
        let scores = r.trials.compactMap(\.score)
        #expect(scores.count == 4 && r.validationScore == scores.max())
        let best = try #require(r.trials.first { $0.score == r.validationScore })
        #expect(best.algorithm == r.algorithm && best.hyperparameters == r.hyperparameters)
        // Taste groups are easy: the chosen model beats popularity on validation.
        #expect(r.validationScore > r.validation.popularityScore)
        #expect(r.validation.order == "time" && r.validation.trainRows + r.validation.validationRows <= table.count)
        // The final model saw all of the table, validation rows included.
        #expect(outcome.model.kind.rawValue == r.algorithm.rawValue && outcome.model.users.count == 45)
        let split = try Tuner.validationSplit(table, fraction: 0.2, seed: 5)
        for row in split.testRows.prefix(10) {
            #expect(outcome.model.hasSeen(user: table.userIndices[row], item: table.itemIndices[row]))
        }
    }

    @Test func sameSeedSameReport() throws {
        let table = Self.groups(timed: false)
        let a = try Tuner.tune(table, config: Self.config(budget: 3, seed: 9)).report
        let b = try Tuner.tune(table, config: Self.config(budget: 3, seed: 9)).report
        #expect(a == b)
        #expect(a.validation.order == "random")
    }

    @Test func aFailedFitIsRecordedAndTheSearchGoesOn() throws {
        var c = Self.config(budget: 3)
        c.easeMaxMemoryBytes = 100  // every EASE fit refuses before allocating
        let r = try Tuner.tune(Self.groups(), config: c).report
        #expect(r.algorithm == .als)
        #expect(r.trials.filter { $0.algorithm == .ease }.allSatisfy { $0.score == nil && $0.error?.contains("12·n² bytes") == true })
        c.algorithms = [.ease]
        c.budget = 1
        #expect(throws: RecommenderError.self) { try Tuner.tune(Self.groups(), config: c) }
    }

    @Test(arguments: [
        ("budget", "budget must be between 2 (one fit per algorithm) and 10000; got 1"),
        ("algorithms", "algorithms must be at least one, each at most once; got 'als,als'"),
        ("threads", "threads must be between 1 and 256; got 0"),
        ("validation-fraction", "validation-fraction must be between 0 and 1 (exclusive); got 1.0"),
        ("metric", "metric must be K in 1...1000; got ndcg@0"),
        ("max-memory", "max-memory must be positive; got 0 bytes"),
    ])
    func configValidationNamesTheField(field: String, message: String) {
        var c = TuningConfig()
        switch field {
        case "budget": c.budget = 1
        case "algorithms": c.algorithms = [.als, .als]
        case "threads": c.threads = 0
        case "validation-fraction": c.validationFraction = 1
        case "metric": c.metric.k = 0
        default: c.easeMaxMemoryBytes = 0
        }
        do { try c.validate(); Issue.record("\(field): no error") } catch { #expect(error.description == message) }
    }

    @Test func metricAndAlgorithmListsParse() throws {
        #expect(try TuningMetric(parsing: "MAP@5") == TuningMetric(name: .map, k: 5))
        #expect(try TuningAlgorithm.list("ease, als") == [.ease, .als])
        for bad in ["ndcg", "ndcg@", "auc@10", "ndcg@1001"] { #expect(throws: RecommenderError.self) { try TuningMetric(parsing: bad) } }
        for bad in ["", "als,als", "als,"] { #expect(throws: RecommenderError.self) { try TuningAlgorithm.list(bad) } }
    }
}
