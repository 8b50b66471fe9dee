import AffinityData
import Foundation

/// The algorithms `Tuner` searches, each with its grid (docs/TUNING.md).
public enum TuningAlgorithm: String, Sendable, Codable, CaseIterable {
    case als
    case ease

    /// The search space, one line per hyperparameter; the grid is the product of the values.
    /// A new dimension (a weight transform, a time decay) is one more line here.
    public var space: [TuningDimension] {
        switch self {
        case .als:
            return [
                TuningDimension("factors", [32, 64, 128]) { $0.als.factors = Int($1.number) },
                TuningDimension("alpha", [0.1, 0.3, 1, 3, 10]) { $0.als.alpha = Float($1.number) },
                TuningDimension("regularization", [0.1, 1, 3, 10, 30]) { $0.als.regularization = Float($1.number) },
                TuningDimension("regularization-scaling", ["none", "frequency"]) {
                    $0.als.regularizationScaling = RegularizationScaling(rawValue: $1.name) ?? .none
                },
                TuningDimension("iterations", [15, 30]) { $0.als.iterations = Int($1.number) },
            ]
        case .ease:
            return [TuningDimension("l2", [10, 30, 100, 300, 1000, 3000]) { $0.ease.l2 = $1.number }]
        }
    }

    /// Points in the grid.
    public var gridSize: Int { space.reduce(1) { $0 * $1.values.count } }

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
