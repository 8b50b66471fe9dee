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
    /// Accepted `timestamp` values (Unix seconds): 2000-01-01T00:00:00Z through 2099-12-31T23:59:59Z.
    /// A fixed window, so a frame parses the same whenever it is sent; it rejects negative values and
    /// milliseconds sent as seconds (today's time in milliseconds is far beyond 2099 in seconds).
    public static let timestampRange: ClosedRange<Int64> = 946_684_800...4_102_444_799
}
