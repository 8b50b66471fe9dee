/// One grid point of one algorithm.
public struct TuningCandidate: Sendable, Equatable {
    public var algorithm: TuningAlgorithm
    /// Which of `algorithm.grids`.
    public var grid: Int
    /// One value per dimension of that grid, in its order.
    public var values: [TuningValue]

    var dimensions: [TuningDimension] { algorithm.grids[grid] }

    /// Dimension name → value, as written to best.json.
    public var hyperparameters: [String: TuningValue] {
        Dictionary(uniqueKeysWithValues: zip(dimensions.map(\.name), values))
    }

    /// "factors=64 alpha=1 …", for progress lines.
    public var text: String {
        zip(dimensions.map(\.name), values).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// `base` with this point's values applied.
    func settings(from base: TrialSettings) -> TrialSettings {
        var s = base
        for (dimension, value) in zip(dimensions, values) { dimension.apply(&s, value) }
        return s
    }
}
