import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity evaluate`: full-ranking metrics of a model on a test file, beside popularity.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Rank all items for every test user (train items excluded) and report precision, recall, NDCG, MAP and coverage at k, beside a popularity baseline.",
        discussion: "Files are generic CSVs (user,item[,weight][,timestamp]) as written by 'affinity split'. --json keys: precision, recall, ndcg, map, coverage, popularity {same keys}, users_evaluated, k, test_pairs_skipped, test_pairs_in_model_history. Test pairs the model was trained on (but --train lacks) give a warning on stderr; no evaluable test user is an error.")

    @Option(help: "Model file from 'affinity train als' or 'affinity train ease'.")
    var model: String
    @Option(help: "Training interactions (their items are excluded from each user's ranking).")
    var train: String
    @Option(help: "Test interactions (the relevant items).")
    var test: String
    @Option(help: "List length k (1...1000).")
    var k: Int = 10
    @Option(help: "Worker threads for batched scoring (1...256).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var format: OutputOptions

    func validate() throws {
        guard (1...1000).contains(k) else { throw ValidationError("--k must be between 1 and 1000; got \(k)") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256; got \(threads)") }
    }

    struct Output: Encodable {
        let precision, recall, ndcg, map, coverage: Double
        let popularity: RankingMetrics
        let usersEvaluated, k, testPairsSkipped, testPairsInModelHistory: Int
        enum CodingKeys: String, CodingKey {
            case precision, recall, ndcg, map, coverage, popularity, k
            case usersEvaluated = "users_evaluated", testPairsSkipped = "test_pairs_skipped"
            case testPairsInModelHistory = "test_pairs_in_model_history"
        }
    }

    func run() throws {
        let loaded = try ModelKind.load(path: model)
        let trainTable = try InteractionLoader.load(path: train).table.requireRows(file: train, for: "evaluate against")
        let testTable = try InteractionLoader.load(path: test).table.requireRows(file: test, for: "evaluate")
        let r = try Evaluator.evaluate(model: loaded, train: trainTable, test: testTable, k: k, threads: threads)
        if r.testPairsInModelHistory > 0 {
            printError(String(format: "warning: %d of %d test pairs (%.1f%%) are in the model's training data although not in %@; "
                              + "the model has seen these answers, so its metrics are optimistic. Train on the train side of the split only.",
                              r.testPairsInModelHistory, r.testPairs, 100 * r.modelHistoryShare, train))
        }
        if format.json {
            try JSONOutput.print(Output(precision: r.model.precision, recall: r.model.recall, ndcg: r.model.ndcg, map: r.model.map,
                                        coverage: r.model.coverage, popularity: r.popularity, usersEvaluated: r.usersEvaluated,
                                        k: k, testPairsSkipped: r.testPairsSkipped, testPairsInModelHistory: r.testPairsInModelHistory))
        } else {
            print("users evaluated: \(r.usersEvaluated) (test pairs skipped: \(r.testPairsSkipped))")
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            print(pad("@\(k)", 12) + ["precision", "recall", "ndcg", "map", "coverage"].map { pad($0, 11) }.joined())
            for (name, m) in [("model", r.model), ("popularity", r.popularity)] {
                print(pad(name, 12) + [m.precision, m.recall, m.ndcg, m.map, m.coverage].map { pad(String(format: "%.4f", $0), 11) }.joined())
            }
        }
    }
}
