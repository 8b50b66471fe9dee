import AffinityProtocol
import AffinityRecommender

extension ItemExplanation {
    /// The `because` list of a reply item.
    var wire: [BecauseItem] { because.map { BecauseItem(item: $0.item, share: $0.share, contribution: $0.contribution) } }
}
