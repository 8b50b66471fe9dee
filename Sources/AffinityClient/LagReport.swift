/// The result of a lag probe; `--json` prints exactly these keys.
public struct LagReport: Codable, Sendable, Equatable {
    /// B's applied_seq at one poll, seconds after the start.
    struct Observation: Sendable {
        var time: Double
        var applied: UInt64
    }

    /// Feedback acknowledged by A.
    public var acked: Int
    /// Feedback that got an error reply (or none).
    public var errors: Int
    /// Acknowledged events B never reported as applied within the grace period.
    public var unseen: Int
    public var p50Ms: Double
    public var p99Ms: Double
    public var maxMs: Double
    /// Mean time between two polls of B (the measurement's resolution).
    public var pollMs: Double

    enum CodingKeys: String, CodingKey {
        case acked, errors, unseen
        case p50Ms = "p50_ms", p99Ms = "p99_ms", maxMs = "max_ms", pollMs = "poll_ms"
    }

    static func from(acks: [(seq: UInt64, time: Double)], errors: Int, observations: [Observation]) -> LagReport {
        // applied_seq never goes down; a running maximum keeps the binary search valid regardless.
        var highest: UInt64 = 0
        let seen = observations.map { o -> Observation in
            highest = max(highest, o.applied)
            return Observation(time: o.time, applied: highest)
        }
        var lags: [Double] = []
        for ack in acks {
            var lo = 0, hi = seen.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if seen[mid].applied >= ack.seq { hi = mid } else { lo = mid + 1 }
            }
            if lo < seen.count { lags.append(max(0, seen[lo].time - ack.time) * 1000) }
        }
        lags.sort()
        /// Nearest rank.
        func percentile(_ p: Double) -> Double {
            lags.isEmpty ? 0 : lags[max(0, Int((p / 100 * Double(lags.count)).rounded(.up)) - 1)]
        }
        let span = (seen.last?.time ?? 0) - (seen.first?.time ?? 0)
        return LagReport(acked: acks.count, errors: errors, unseen: acks.count - lags.count, p50Ms: percentile(50),
                         p99Ms: percentile(99), maxMs: lags.last ?? 0,
                         pollMs: seen.count > 1 ? span / Double(seen.count - 1) * 1000 : 0)
    }
}
