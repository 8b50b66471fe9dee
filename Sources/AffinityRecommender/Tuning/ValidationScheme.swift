/// How `Tuner` carves its validation split from the training data (docs/TUNING.md). Pick the one
/// that looks like the test split you will evaluate on.
public enum ValidationScheme: String, Sendable, Codable, CaseIterable {
    /// Each user's last fraction of rows by time (without timestamps: a seeded random fraction per
    /// user): the split `affinity split --test-fraction` (or `--random`) makes.
    case perUser = "per-user"
    /// The last fraction of all rows by time, one cutoff for every user: the split
    /// `affinity split --fraction` makes, for a test split at a global date. Needs timestamps.
    case globalTime = "global-time"

    /// Parses `per-user` or `global-time`; throws `invalidParameter` naming `validation-split` otherwise.
    public init(parsing text: String) throws(RecommenderError) {
        guard let scheme = ValidationScheme(rawValue: text) else {
            throw .invalidParameter(name: "validation-split", requirement: Self.allCases.map(\.rawValue).joined(separator: " or "), got: "'\(text)'")
        }
        self = scheme
    }
}
