import AffinityProtocol

/// Everything a request reads to be served, swapped as a whole on reload. A request reads the
/// current snapshot once and uses it to the end, so it finishes on the model it started with.
public final class ModelSnapshot: Sendable {
    public let recommender: (any RecommenderModel)?
    public let recommenderPath: String?
    public let churn: (any ChurnScoring)?
    public let churnPath: String?
    /// Online user factors learned on top of `recommender`.
    public let users: UserFactorStore

    public init(recommender: (any RecommenderModel)?, recommenderPath: String?, churn: (any ChurnScoring)?,
                churnPath: String?, users: UserFactorStore) {
        self.recommender = recommender
        self.recommenderPath = recommenderPath
        self.churn = churn
        self.churnPath = churnPath
        self.users = users
    }
}
