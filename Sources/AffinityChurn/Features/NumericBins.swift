import Foundation

/// Quantile bins of one numeric column, fitted on the training values (`--features auto`).
///
/// Bin j holds the values x with edges[j−1] < x ≤ edges[j] (bin 0: x ≤ edges[0]; the last bin:
/// x > the last edge), so a value beyond the training range, however extreme, falls in the first
/// or the last bin and carries that bin's effect. Stored in the model file.
public struct NumericBins: Sendable, Codable, Equatable {
    /// Upper edges of every bin but the last, strictly increasing.
    public var edges: [Double]
    /// The bins in words, in the column's units: "≤ 5", "6–12", "= 3", "≥ 61".
    public var labels: [String]

    public var count: Int { edges.count + 1 }

    /// The bin of `x`: the first j with x ≤ edges[j], else the last bin.
    public func index(_ x: Double) -> Int {
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x <= edges[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Bins at the training quantiles k/`count` (k = 1 … count − 1): each edge is the smallest
    /// training value with at least that share of the values at or below it (the type-1, inverse
    /// empirical CDF quantile); repeated edges and an edge at the maximum are dropped, so a column
    /// with few distinct values gets one bin per value. Labels use the smallest and largest
    /// training value in each bin.
    public static func fit(_ values: [Double], count: Int) -> NumericBins {
        let s = values.sorted()
        guard let maxValue = s.last, count > 1 else { return NumericBins(edges: [], labels: ["all"]) }
        var edges: [Double] = []
        for k in 1..<count {
            let rank = Int((Double(k * s.count) / Double(count)).rounded(.up))
            let e = s[max(0, min(s.count - 1, rank - 1))]
            if e < maxValue && e > (edges.last ?? -.infinity) { edges.append(e) }
        }
        var bins = NumericBins(edges: edges, labels: [])
        var low = [Double](repeating: .infinity, count: bins.count), high = [Double](repeating: -.infinity, count: bins.count)
        for x in s {
            let j = bins.index(x)
            low[j] = min(low[j], x)
            high[j] = max(high[j], x)
        }
        bins.labels = (0..<bins.count).map { j in
            let lo = text(low[j]), hi = text(high[j])
            if bins.count == 1 { return "\(lo)–\(hi)" }
            if j == 0 { return "≤ \(hi)" }
            if j == bins.count - 1 { return "≥ \(lo)" }
            return lo == hi ? "= \(lo)" : "\(lo)–\(hi)"
        }
        return bins
    }

    /// A number as a person writes it: integers without decimals, others with up to 2.
    static func text(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        var t = String(format: "%.2f", x)
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
