extension Duration {
    /// This duration in seconds as a Double (attosecond part included), for reports and
    /// progress lines such as `fit_seconds`.
    public var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
