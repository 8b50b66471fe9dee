import AffinityData
import Foundation

/// The algorithms `Tuner` searches, each with its grid (docs/TUNING.md).
public enum TuningAlgorithm: String, Sendable, Codable, CaseIterable {
    case als
    case ease

    /// The search space: one or more grids, each the product of its dimensions' values (one line per
    /// hyperparameter). ALS has two, because λ means different things with and without frequency
    /// scaling (λ per row, or λ per interaction). A new dimension (a weight transform, a time decay)
    /// is one more line in `shared`.
    public var grids: [[TuningDimension]] {
        switch self {
        case .als:
            let shared = [
                TuningDimension("factors", [32, 64, 128, 256]) { $0.als.factors = Int($1.number) },
                TuningDimension("alpha", [0.1, 0.3, 1, 3, 10]) { $0.als.alpha = Float($1.number) },
                TuningDimension("iterations", [15, 30]) { $0.als.iterations = Int($1.number) },
                TuningDimension("weight-transform", ["none", "log1p", "bm25"]) { $0.als.weightTransform = Self.transform($1) },
            ]
            func scaling(_ name: TuningValue, _ lambdas: [TuningValue]) -> [TuningDimension] {
                shared + [TuningDimension("regularization-scaling", [name]) {
                              $0.als.regularizationScaling = RegularizationScaling(rawValue: $1.name) ?? .none
                          },
                          TuningDimension("regularization", lambdas) { $0.als.regularization = Float($1.number) }]
            }
            return [scaling("none", [1, 3, 10, 30]), scaling("frequency", [0.01, 0.03, 0.1, 0.3])]
        case .ease:
            return [[TuningDimension("weight-transform", ["none", "log1p"]) { $0.ease.weightTransform = Self.transform($1) },
                     TuningDimension("l2", [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) { $0.ease.l2 = $1.number }]]
        }
    }

    /// A weight-transform dimension's value (a kind's name) as the transform, default BM25 parameters.
    static func transform(_ value: TuningValue) -> WeightTransform {
        WeightTransform(WeightTransform.Kind(rawValue: value.name) ?? .none)
    }

    /// Points in all of the grids.
    public var gridSize: Int { grids.reduce(0) { $0 + Self.size(of: $1) } }

    static func size(of grid: [TuningDimension]) -> Int { grid.reduce(1) { $0 * $1.values.count } }

    /// Trains this algorithm on `table` with `settings`.
    func train(_ table: InteractionTable, settings: TrialSettings, eventWeights: EventWeights,
               datasetSource: String?) throws(RecommenderError) -> any TrainedModel {
        switch self {
        case .als: return try ALSModel.train(table, config: settings.als, eventWeights: eventWeights, datasetSource: datasetSource)
        case .ease: return try EASEModel.train(table, config: settings.ease, eventWeights: eventWeights, datasetSource: datasetSource)
        }
    }

    /// Parses a comma-separated list such as "als,ease" (each at most once, order kept).
    public static func list(_ text: String) throws(RecommenderError) -> [TuningAlgorithm] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var chosen: [TuningAlgorithm] = []
        for name in names {
            guard let a = TuningAlgorithm(rawValue: name), !chosen.contains(a) else {
                throw .invalidParameter(name: "algorithms", requirement: "a comma-separated list of distinct names from "
                                        + allCases.map(\.rawValue).joined(separator: ", "), got: "'\(text)'")
            }
            chosen.append(a)
        }
        return chosen
    }
}
