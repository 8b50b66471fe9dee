/// One history item's part in a recommended item's score (`ItemExplanation.because`).
public struct ScoreContribution: Sendable, Equatable {
    /// The history item's external ID and index.
    public var item: String
    public var itemIndex: Int32
    /// Its additive term of the score (ALS: c_uj·p_uj·y_iᵀW_u·y_j; EASE: x_uj·B_ji; docs/EXPLAIN.md).
    public var contribution: Float
    /// `contribution / total` of the explanation; 0 when the total is 0.
    public var share: Float

    public init(item: String, itemIndex: Int32, contribution: Float, share: Float) {
        self.item = item
        self.itemIndex = itemIndex
        self.contribution = contribution
        self.share = share
    }
}
