/// Errors from AffinityNumerics. Shape mismatches are preconditions, not errors.
public enum NumericsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cholesky failed: the leading minor of this order is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// A value that must be finite was NaN or infinite; `what` names it ("matrix A").
    case nonFinite(what: String)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            return "matrix is not positive definite (leading minor of order \(minor)); add regularization"
        case .nonFinite(let what):
            return "\(what) contains NaN or infinity"
        }
    }
}
