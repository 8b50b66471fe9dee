/// Failures that stop the server from starting or reloading. Per-request failures are
/// `ProtocolError` reply values instead.
public enum ServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model or churn model file could not be loaded; the message says why.
    case modelRejected(path: String, reason: String)
    /// The tokens file is unreadable or malformed.
    case badTokens(path: String, reason: String)
    /// A configuration value is out of range.
    case badConfig(String)
    /// Binding or starting failed.
    case startup(String)

    public var description: String {
        switch self {
        case .modelRejected(let path, let reason): "\(path): model refused: \(reason)"
        case .badTokens(let path, let reason): "\(path): \(reason)"
        case .badConfig(let message): message
        case .startup(let message): message
        }
    }
}
