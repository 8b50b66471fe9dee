public import AffinityData
import AffinityNumerics

/// Full-ranking evaluation: every item is scored for every test user, the user's train items
/// are excluded, and the top k are compared with the test items (no sampled negatives).
/// The popularity baseline (most train users first) is ranked under the same rules.
public enum Evaluator {
    /// Evaluates `model` on `test`, excluding each user's `train` items from both rankings.
    /// Test pairs whose user or item the model does not know, or that appear in train, are
    /// skipped and counted by reason; evaluated pairs the model itself was trained on are counted
    /// (`testPairsInModelHistory`: a model trained on the test data looks better than it is).
    /// Scoring is batched (gemm over blocks of users) on `threads` workers with fixed blocks, so
    /// the result depends only on the inputs and `threads`.
    /// - Throws: `invalidInput` explaining the skips when no test user is left to evaluate.
    public static func evaluate(model: some TrainedModel, train: InteractionTable, test: InteractionTable, k: Int,
                                threads: Int) throws(RecommenderError) -> EvaluationResult {
        guard k >= 1 else { throw .invalidParameter(name: "k", requirement: "at least 1", got: "\(k)") }
        let n = model.items.count, users = model.users.count
        var seen = [Set<Int32>](repeating: [], count: users)
        for r in 0..<train.count {
            guard let u = model.users.index(of: train.users[train.userIndices[r]]),
                  let i = model.items.index(of: train.items[train.itemIndices[r]]) else { continue }
            seen[Int(u)].insert(i)
        }
        var popularity = [Float](repeating: 0, count: n)
        for s in seen { for i in s { popularity[Int(i)] += 1 } }
        var relevant = [Set<Int32>](repeating: [], count: users)
        var unknownUser = 0, unknownItem = 0, inTrain = 0, inHistory = 0
        for r in 0..<test.count {
            guard let u = model.users.index(of: test.users[test.userIndices[r]]) else { unknownUser += 1; continue }
            guard let i = model.items.index(of: test.items[test.itemIndices[r]]) else { unknownItem += 1; continue }
            if seen[Int(u)].contains(i) { inTrain += 1; continue }
            if model.hasSeen(user: u, item: i) { inHistory += 1 }
            relevant[Int(u)].insert(i)
        }
        let evaluated = (0..<users).filter { !relevant[$0].isEmpty }.map { Int32($0) }
        if evaluated.isEmpty {
            throw .invalidInput("""
                no test user can be evaluated: of \(test.count) test pairs, \(unknownUser) have a user the model does not know, \
                \(unknownItem) an item it does not know and \(inTrain) are already in the train file; \
                evaluate a model trained on the train side of this split (same dataset, same ID columns)
                """)
        }
        let lists = model.topK(users: evaluated, k: k, exclude: seen, threads: threads)
        let popularOrder = Popularity.order(popularity)
        var ours = RankingMetrics(), baseline = RankingMetrics()
        var ourItems = Set<Int32>(), baselineItems = Set<Int32>()
        for (u, list) in zip(evaluated, lists) {
            ours.add(.user(ranked: list, relevant: relevant[Int(u)], k: k))
            ourItems.formUnion(list)
            var popular: [Int32] = []
            for i in popularOrder where !seen[Int(u)].contains(i) {
                popular.append(i)
                if popular.count == k { break }
            }
            baseline.add(.user(ranked: popular, relevant: relevant[Int(u)], k: k))
            baselineItems.formUnion(popular)
        }
        var modelMetrics = ours.divided(by: evaluated.count)
        modelMetrics.coverage = Double(ourItems.count) / Double(max(n, 1))
        var popularityMetrics = baseline.divided(by: evaluated.count)
        popularityMetrics.coverage = Double(baselineItems.count) / Double(max(n, 1))
        return EvaluationResult(k: k, model: modelMetrics, popularity: popularityMetrics, usersEvaluated: evaluated.count,
                                testPairsSkipped: unknownUser + unknownItem + inTrain, testPairs: test.count,
                                skippedUnknownUser: unknownUser, skippedUnknownItem: unknownItem, skippedInTrain: inTrain,
                                testPairsInModelHistory: inHistory)
    }
}
