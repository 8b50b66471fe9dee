extension InteractionLoadOptions {
    /// The event weights of data read with these options: the preset's, else the funnel.
    public var eventWeights: EventWeights { preset?.eventWeights ?? .funnel }
}
