/// One history item in a recommended item's `because` list (`recommend` with `explain: true`): its
/// additive term of the score (`contribution`) and that term over the sum of all terms (`share`).
public struct BecauseItem: Codable, Sendable, Equatable {
    public var item: String
    public var share: Float
    public var contribution: Float

    public init(item: String, share: Float, contribution: Float) {
        self.item = item
        self.share = share
        self.contribution = contribution
    }
}
