/// A per-request failure. Each case maps to exactly one wire `ErrorCode`; `description` is the
/// message sent to the client.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case badJSON(String)
    /// `field` is a path such as `events[2].item`; `expected` says what would have been valid.
    case badRequest(field: String, expected: String, got: String?)
    case unknownOp(String)
    /// Item ids the model does not know; `fields`, when given, names where each was sent (`events[3].item`).
    case unknownItem([String], fields: [String] = [])
    case frameTooLarge(maxFrameBytes: Int)
    case unauthenticated(String)
    case forbidden(op: Op, role: Role)
    case notLoaded(String)
    case overloaded(String)
    /// The shared event store cannot be reached; the message says what was not done.
    case unavailable(String)
    /// Details go to the server log under `correlationID`, never to the client.
    case `internal`(correlationID: String)

    public var code: ErrorCode {
        switch self {
        case .badJSON: .badJSON
        case .badRequest: .badRequest
        case .unknownOp: .unknownOp
        case .unknownItem: .unknownItem
        case .frameTooLarge: .frameTooLarge
        case .unauthenticated: .unauthenticated
        case .forbidden: .forbidden
        case .notLoaded: .notLoaded
        case .overloaded: .overloaded
        case .unavailable: .unavailable
        case .internal: .internal
        }
    }

    public var description: String {
        switch self {
        case .badJSON(let detail):
            return "the frame is not valid JSON: \(detail)"
        case .badRequest(let field, let expected, let got):
            if let got { return "field '\(field)': expected \(expected); got \(got)" }
            return "field '\(field)': expected \(expected)"
        case .unknownOp(let op):
            return "unknown op '\(op)'; expected one of: \(Op.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownItem(let items, let fields):
            let named = items.indices.map { fields.indices.contains($0) ? "'\(items[$0])' (\(fields[$0]))" : "'\(items[$0])'" }
            let shown = named.prefix(5).joined(separator: ", ")
            return "unknown item\(items.count == 1 ? "" : "s") \(shown)\(items.count > 5 ? " and \(items.count - 5) more" : ""); it is logged for the next retrain"
        case .frameTooLarge(let maxFrameBytes):
            return "frame longer than \(maxFrameBytes) bytes; the rest of the line was discarded"
        case .unauthenticated(let detail):
            return detail
        case .forbidden(let op, let role):
            return "role '\(role.rawValue)' may not call '\(op.rawValue)'"
        case .notLoaded(let detail):
            return detail
        case .overloaded(let detail):
            return detail
        case .unavailable(let detail):
            return detail
        case .internal(let correlationID):
            return "internal error; correlation id \(correlationID)"
        }
    }

    /// The wire form of this error.
    public var body: ErrorBody { ErrorBody(code: code, message: description) }
}
