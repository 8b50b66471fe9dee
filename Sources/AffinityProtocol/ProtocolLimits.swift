/// Limits of affinity/1 that both ends agree on.
public enum ProtocolLimits {
    /// Default `--max-frame-bytes`: 1 MiB.
    public static let defaultMaxFrameBytes = 1 << 20
    /// Default number of requests a connection may have in flight before the server stops reading.
    public static let defaultMaxInFlight = 128
    /// Largest `k` a request may ask for.
    public static let maxK = 1000
    /// Most events in one `feedback_batch`, customers in one `churn_batch`, items in one `recommend_items`.
    public static let maxBatch = 10_000
}
