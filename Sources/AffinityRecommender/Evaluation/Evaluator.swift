public import AffinityData
import AffinityNumerics

/// Full-ranking evaluation: every item is scored for every test user, the user's train items
/// are excluded, and the top k are compared with the test items (no sampled negatives).
/// The popularity baseline (most train users first) is ranked under the same rules.
public enum Evaluator {
    /// Evaluates `model` on `test`, excluding each user's `train` items from both rankings.
    /// Test pairs whose user or item the model does not know, or that appear in train, are
    /// skipped and counted. Scoring is batched (gemm over blocks of users) on `threads`
    /// workers with fixed blocks, so the result depends only on the inputs and `threads`.
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
        var skipped = 0
        for r in 0..<test.count {
            guard let u = model.users.index(of: test.users[test.userIndices[r]]),
                  let i = model.items.index(of: test.items[test.itemIndices[r]]), !seen[Int(u)].contains(i) else {
                skipped += 1
                continue
            }
            relevant[Int(u)].insert(i)
        }
        let evaluated = (0..<users).filter { !relevant[$0].isEmpty }.map { Int32($0) }
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
        return EvaluationResult(k: k, model: modelMetrics, popularity: popularityMetrics,
                                usersEvaluated: evaluated.count, testPairsSkipped: skipped)
    }
}
