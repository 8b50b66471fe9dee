import Foundation

extension SVGPlot {
    /// The value-at-risk curve of a retention list: customers contacted in list order (x, share of all
    /// customers) against the share of the total value at risk they hold (y). `values` are the values at
    /// risk, largest first; NaN counts as 0. The dashed diagonal is contacting customers at random.
    /// At most 500 points are drawn (every ⌈n/500⌉-th customer, and the last).
    public static func valueAtRisk(_ values: [Double]) -> String {
        let v = values.map { $0.isNaN ? 0 : $0 }
        let total = v.reduce(0, +), n = v.count
        var points: [(Double, Double)] = [(0, 0)]
        let step = max(1, (n + 499) / 500)
        var cumulative = 0.0
        for (i, x) in v.enumerated() {
            cumulative += x
            if (i + 1) % step == 0 || i == n - 1 { points.append((Double(i + 1) / Double(n), total > 0 ? cumulative / total : 0)) }
        }
        let tenth = v.prefix((n + 9) / 10).reduce(0, +)
        let title = String(format: "Value at risk %.0f; top 10%% of customers hold %.0f%%", total, total > 0 ? 100 * tenth / total : 0)
        let path = points.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
        return frame(title: title, xLabel: "share of customers contacted (by value at risk)", yLabel: "share of value at risk",
                     body: "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"2\"/>")
    }
}
