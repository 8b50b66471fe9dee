/// A parsed request: the op with its typed parameters.
public enum Request: Sendable, Equatable {
    case auth(AuthParams)
    case recommend(RecommendParams)
    case recommendItems(RecommendItemsParams)
    case similarItems(SimilarItemsParams)
    case feedback(FeedbackParams)
    case feedbackBatch(FeedbackBatchParams)
    case churnScore(ChurnScoreParams)
    case churnBatch(ChurnBatchParams)
    case retentionOffer(RetentionOfferParams)
    case forgetUser(UserParams)
    case exportUser(UserParams)
    case health
    case modelInfo
    case stats
    case reload(ReloadParams)

    public var op: Op {
        switch self {
        case .auth: .auth
        case .recommend: .recommend
        case .recommendItems: .recommendItems
        case .similarItems: .similarItems
        case .feedback: .feedback
        case .feedbackBatch: .feedbackBatch
        case .churnScore: .churnScore
        case .churnBatch: .churnBatch
        case .retentionOffer: .retentionOffer
        case .forgetUser: .forgetUser
        case .exportUser: .exportUser
        case .health: .health
        case .modelInfo: .modelInfo
        case .stats: .stats
        case .reload: .reload
        }
    }

    /// Checks ranges the JSON types cannot express.
    public func validate() throws(ProtocolError) {
        switch self {
        case .recommend(let p): try p.validate()
        case .recommendItems(let p): try p.validate()
        case .similarItems(let p): try p.validate()
        case .feedback(let p): try p.validate()
        case .feedbackBatch(let p): try p.validate()
        case .churnBatch(let p): try p.validate()
        case .retentionOffer(let p): try p.validate()
        case .forgetUser(let p), .exportUser(let p): try p.validate()
        case .auth, .churnScore, .health, .modelInfo, .stats, .reload: break
        }
    }
}

/// One request frame as parsed: the echoed `id` (when readable) and the request or why it is bad.
public struct ParsedRequest: Sendable {
    public var id: RequestID?
    /// The op when the frame named a known one, even if its parameters were bad.
    public var op: Op?
    public var request: Result<Request, ProtocolError>

    public init(id: RequestID?, op: Op? = nil, request: Result<Request, ProtocolError>) {
        self.id = id
        self.op = op
        self.request = request
    }
}
