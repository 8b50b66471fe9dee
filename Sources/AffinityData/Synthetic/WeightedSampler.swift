public import AffinityNumerics

/// Draws indices with probability proportional to fixed weights (cumulative sums + binary search).
public struct WeightedSampler: Sendable {
    private let cumulative: [Double]

    /// `weights` must be non-negative with a positive sum.
    public init(weights: [Double]) {
        var running = 0.0
        cumulative = weights.map { running += $0; return running }
        precondition(running > 0, "WeightedSampler: weights must have a positive sum")
    }

    public var count: Int { cumulative.count }

    public func sample(_ rng: inout Xoshiro256) -> Int {
        let target = rng.nextDouble() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] <= target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
