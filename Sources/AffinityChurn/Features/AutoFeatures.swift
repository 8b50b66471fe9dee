/// `--features auto`: numeric columns become one-hot quantile bins (`NumericBins`) and a bounded
/// number of pairwise interactions, chosen on the training rows, are added (`InteractionTerm`).
/// The model stays an L2-regularized logistic regression.
public struct AutoFeatures: Sendable, Codable, Equatable {
    /// Quantile bins per numeric column (fewer when the column has fewer distinct values).
    public var bins: Int = 10
    /// At most this many pairwise interactions (0 turns them off).
    public var interactions: Int = 8
    /// Coarser quantile bins of a numeric column inside an interaction.
    public var interactionBins: Int = 4
    /// A categorical column takes part in interactions only up to this many levels.
    public var interactionMaxLevels: Int = 6

    public init(bins: Int = 10, interactions: Int = 8) {
        self.bins = bins
        self.interactions = interactions
    }

    /// Throws `ChurnError.invalidParameter` naming the bad field, its range and its value.
    public func validate() throws(ChurnError) {
        if !(2...100).contains(bins) { throw .invalidParameter(field: "AutoFeatures.bins", expected: "between 2 and 100", got: "\(bins)") }
        if !(0...100).contains(interactions) {
            throw .invalidParameter(field: "AutoFeatures.interactions", expected: "between 0 and 100", got: "\(interactions)")
        }
        if !(2...20).contains(interactionBins) {
            throw .invalidParameter(field: "AutoFeatures.interactionBins", expected: "between 2 and 20", got: "\(interactionBins)")
        }
    }
}
