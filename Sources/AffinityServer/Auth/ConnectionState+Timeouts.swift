/// The idle and slow-loris timeouts of `ConnectionLimits`, decided on the state's clock.
/// `ConnectionLimitsHandler` reports the bytes that arrive and asks on a timer.
extension ConnectionState {
    /// A timeout that has passed: the connection is to be closed.
    public enum Timeout: Equatable, Sendable {
        /// Nothing arrived for `idleTimeoutMilliseconds`.
        case idle
        /// A request line was still incomplete `frameTimeoutMilliseconds` after its first byte.
        case requestLine
    }

    /// Records `byteCount` bytes arriving at `now`; `lastNewline` is the offset of the last `\n` among
    /// them. A line that stays incomplete after them starts its slow-loris clock now (or keeps its own).
    public mutating func received(byteCount: Int, lastNewline: Int?, now: C.Instant) {
        lastActivity = now
        if let lastNewline {
            lineStarted = lastNewline + 1 < byteCount ? now : nil
        } else if lineStarted == nil, byteCount > 0 {
            lineStarted = now
        }
    }

    /// True when nothing arrived for `timeout` or longer.
    public func isIdle(now: C.Instant, timeout: Duration) -> Bool {
        lastActivity.duration(to: now) >= timeout
    }

    /// The timeout that has passed at `now`, if any.
    public func expired(now: C.Instant) -> Timeout? {
        if isIdle(now: now, timeout: .milliseconds(limits.idleTimeoutMilliseconds)) { return .idle }
        if let lineStarted, lineStarted.duration(to: now) >= .milliseconds(limits.frameTimeoutMilliseconds) {
            return .requestLine
        }
        return nil
    }

    /// How often to ask `expired`: a quarter of the shorter timeout, at least 1 ms.
    public var checkInterval: Duration {
        .milliseconds(max(1, min(limits.idleTimeoutMilliseconds, limits.frameTimeoutMilliseconds) / 4))
    }
}
