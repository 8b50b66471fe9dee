/// The `error.code` strings of affinity/1. Stable: clients switch on them.
public enum ErrorCode: String, CaseIterable, Codable, Sendable {
    case badJSON = "bad_json"
    case badRequest = "bad_request"
    case unknownOp = "unknown_op"
    case unknownItem = "unknown_item"
    case frameTooLarge = "frame_too_large"
    case unauthenticated
    case forbidden
    case notLoaded = "not_loaded"
    case overloaded
    /// The shared event store cannot be reached: nothing was acknowledged; retry.
    case unavailable
    case `internal`
}
