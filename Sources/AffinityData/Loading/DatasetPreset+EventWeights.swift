extension DatasetPreset {
    /// The event weights a model trained on this preset records: REES46's own event types for
    /// `.rees46`, the funnel for the others (their weights do not come from event types, and
    /// later feedback uses the funnel's names).
    public var eventWeights: EventWeights { self == .rees46 ? .rees46 : .funnel }
}
