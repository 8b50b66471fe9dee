/// Every operation of affinity/1, by its wire name.
public enum Op: String, CaseIterable, Codable, Sendable {
    case auth
    case recommend
    case recommendItems = "recommend_items"
    case similarItems = "similar_items"
    case feedback
    case feedbackBatch = "feedback_batch"
    case churnScore = "churn_score"
    case churnBatch = "churn_batch"
    case retentionOffer = "retention_offer"
    case forgetUser = "forget_user"
    case exportUser = "export_user"
    case health
    case modelInfo = "model_info"
    case stats
    case reload
}
