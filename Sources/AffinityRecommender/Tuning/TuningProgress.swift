/// One finished trial, reported to the caller's progress callback (the CLI draws a bar).
public struct TuningProgress: Sendable, Equatable {
    /// 1-based trial just finished, of `trials`.
    public var trial: Int
    public var trials: Int
    public var candidate: TuningCandidate
    /// Its validation score, nil when the fit failed (`error` says why).
    public var score: Double?
    public var error: String?
    /// The best score so far.
    public var bestScore: Double?
}
