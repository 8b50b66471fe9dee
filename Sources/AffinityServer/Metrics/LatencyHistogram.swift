/// Latencies in log-spaced buckets (8 per power of two, ≤ 9% relative error) from 1 µs to ~1 h.
/// Constant memory; percentiles report the bucket's upper edge.
public struct LatencyHistogram: Sendable, Equatable {
    static let subBuckets = 8
    private(set) var counts = [UInt64](repeating: 0, count: 32 * 8)
    public private(set) var total: UInt64 = 0

    public init() {}

    static func bucket(_ micros: UInt64) -> Int {
        let v = max(micros, 1)
        let exp = 63 - v.leadingZeroBitCount
        let sub = exp >= 3 ? Int((v >> UInt64(exp - 3)) & 7) : Int(v & 7)
        return min(exp * subBuckets + sub, 32 * subBuckets - 1)
    }

    static func upperEdge(_ bucket: Int) -> Double {
        let exp = bucket / subBuckets, sub = bucket % subBuckets
        if exp < 3 { return Double(sub + 1) }
        return Double(1 << exp) * (1 + Double(sub + 1) / 8)
    }

    public mutating func record(micros: UInt64) {
        counts[Self.bucket(micros)] += 1
        total += 1
    }

    /// The latency in microseconds below which a fraction `q` of samples fall.
    public func percentileMicros(_ q: Double) -> Double {
        guard total > 0 else { return 0 }
        let rank = UInt64((q * Double(total)).rounded(.up))
        var seen: UInt64 = 0
        for (i, c) in counts.enumerated() {
            seen += c
            if seen >= max(rank, 1) { return Self.upperEdge(i) }
        }
        return Self.upperEdge(counts.count - 1)
    }
}
