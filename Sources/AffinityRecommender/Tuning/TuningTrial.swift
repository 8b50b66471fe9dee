/// One fit of a search and its validation score, as listed in best.json.
public struct TuningTrial: Codable, Sendable, Equatable {
    public var algorithm: TuningAlgorithm
    public var hyperparameters: [String: TuningValue]
    /// The validation metric, nil when the fit failed.
    public var score: Double?
    /// Why the fit failed (e.g. EASE over the memory limit), nil when it did not.
    public var error: String?
}

/// How the validation split was carved from the training data.
public struct ValidationSummary: Codable, Sendable, Equatable {
    /// `per-user` (each user's last rows) or `global-time` (the last rows of all by time).
    public var scheme: ValidationScheme
    /// The held-out share: each user's (`per-user`) or of all rows (`global-time`).
    public var fraction: Double
    /// `time` (the last rows by timestamp) or `random` (`per-user` without timestamps: a seeded random subset per user).
    public var order: String
    public var trainRows: Int
    public var validationRows: Int
    /// Users with at least one validation pair the models know.
    public var usersEvaluated: Int
    /// The popularity baseline's score on the same split.
    public var popularityScore: Double

    enum CodingKeys: String, CodingKey {
        case scheme, fraction, order
        case trainRows = "train_rows", validationRows = "validation_rows", usersEvaluated = "users_evaluated"
        case popularityScore = "popularity_score"
    }
}
