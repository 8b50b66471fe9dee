/// What one trial trains with. A search space's dimensions edit it; `Tuner` fills in the shared
/// settings (seed, threads, memory limit) first.
public struct TrialSettings: Sendable, Equatable {
    public var als = ALSConfig()
    public var ease = EASEConfig()

    public init() {}
}

/// One hyperparameter of a search space: its name (as the `affinity train` flag, without `--`),
/// the values the grid tries, and how a value enters the trial's settings.
public struct TuningDimension: Sendable {
    public let name: String
    public let values: [TuningValue]
    let apply: @Sendable (inout TrialSettings, TuningValue) -> Void

    public init(_ name: String, _ values: [TuningValue], apply: @escaping @Sendable (inout TrialSettings, TuningValue) -> Void) {
        precondition(!values.isEmpty, "TuningDimension \(name): no values")
        self.name = name
        self.values = values
        self.apply = apply
    }
}
