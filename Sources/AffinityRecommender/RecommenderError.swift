import AffinityData

/// Errors from AffinityRecommender. Each message says what went wrong, where, and the fix.
public enum RecommenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is out of range. `name` is the parameter's kebab-case name,
    /// which is also its CLI flag without the leading `--`.
    case invalidParameter(name: String, requirement: String, got: String)
    /// Input or factors hold NaN or infinity.
    case nonFinite(what: String, fix: String)
    /// A row's normal equations were not positive definite (Cholesky failed).
    case notPositiveDefinite(side: String, row: Int, id: String)
    /// The input cannot be trained on (empty, inconsistent shapes).
    case invalidInput(String)
    /// A model file cannot be read or written, with the reason and the fix.
    case modelFile(path: String, message: String)
    /// An external ID the model does not know.
    case unknownItem(String)
    /// Several external item IDs the model does not know (a cart given as a query), in the order given.
    case unknownItems([String])
    /// A user the model does not know (only where no fallback applies).
    case unknownUser(String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let requirement, let got):
            return "\(name) must be \(requirement); got \(got)"
        case .nonFinite(let what, let fix):
            return "\(what) contains NaN or infinity; \(fix)"
        case .notPositiveDefinite(let side, let row, let id):
            return "the least-squares system of \(side) \(row) ('\(id)') is not positive definite; raise --regularization (or use --confidence one-plus-alpha)"
        case .invalidInput(let message):
            return message
        case .modelFile(let path, let message):
            return "\(path): \(message)"
        case .unknownItem(let id):
            return "unknown item '\(id)': it is not in the model's item map"
        case .unknownItems(let ids):
            let shown = ids.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            let more = ids.count > 5 ? " and \(ids.count - 5) more" : ""
            return "unknown item\(ids.count == 1 ? "" : "s") \(shown)\(more): not in the model's item map; drop \(ids.count == 1 ? "it" : "them") or retrain with \(ids.count == 1 ? "it" : "them")"
        case .unknownUser(let id):
            return "unknown user '\(id)': it is not in the model's user map"
        }
    }
}

extension RecommenderError {
    /// An AffinityData error about the model file or export at `path` as `.modelFile`,
    /// without repeating the path when the error's message already starts with it.
    static func modelFile(path: String, _ error: DataError) -> RecommenderError {
        let text = error.description
        return .modelFile(path: path, message: text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text)
    }
}
