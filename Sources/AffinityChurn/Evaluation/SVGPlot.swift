public import AffinityData
import Foundation

/// Minimal SVG charts for `churn evaluate --plots`: the ROC curve, a calibration chart and cumulative gains.
public enum SVGPlot {
    static let size = 420.0, margin = 50.0

    static func x(_ v: Double) -> Double { margin + v * (size - 2 * margin) }
    static func y(_ v: Double) -> Double { size - margin - v * (size - 2 * margin) }
    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func frame(title: String, xLabel: String, yLabel: String, body: String) -> String {
        var ticks = ""
        for k in 0...5 {
            let v = Double(k) / 5
            ticks += "<text x=\"\(f(x(v)))\" y=\"\(f(size - margin + 16))\" font-size=\"10\" text-anchor=\"middle\">\(f(v))</text>"
            ticks += "<text x=\"\(f(margin - 6))\" y=\"\(f(y(v) + 3))\" font-size=\"10\" text-anchor=\"end\">\(f(v))</text>"
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(size))" height="\(Int(size))" font-family="sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(size / 2))" y="24" font-size="14" text-anchor="middle">\(title)</text>
        <rect x="\(f(margin))" y="\(f(margin))" width="\(f(size - 2 * margin))" height="\(f(size - 2 * margin))" fill="none" stroke="#888"/>
        <line x1="\(f(x(0)))" y1="\(f(y(0)))" x2="\(f(x(1)))" y2="\(f(y(1)))" stroke="#bbb" stroke-dasharray="4 4"/>
        \(ticks)
        <text x="\(f(size / 2))" y="\(f(size - 12))" font-size="12" text-anchor="middle">\(xLabel)</text>
        <text x="14" y="\(f(size / 2))" font-size="12" text-anchor="middle" transform="rotate(-90 14 \(f(size / 2)))">\(yLabel)</text>
        \(body)
        </svg>

        """
    }

    /// ROC curve from (false positive rate, true positive rate) points.
    public static func roc(_ points: [(fpr: Double, tpr: Double)], auc: Double) -> String {
        let path = points.map { "\(f(x($0.fpr))),\(f(y($0.tpr)))" }.joined(separator: " ")
        let shown = auc.isFinite ? String(format: "%.3f", auc) : "n/a: one class"
        return frame(title: "ROC (AUC \(shown))", xLabel: "false positive rate", yLabel: "true positive rate",
                     body: "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>")
    }

    /// Observed churn rate against mean predicted probability per decile.
    public static func calibration(_ bins: [CalibrationBin]) -> String {
        let path = bins.map { "\(f(x($0.meanPredicted))),\(f(y($0.observedRate)))" }.joined(separator: " ")
        let dots = bins.map { "<circle cx=\"\(f(x($0.meanPredicted)))\" cy=\"\(f(y($0.observedRate)))\" r=\"3\" fill=\"#d62728\"/>" }.joined()
        let counts = bins.map {
            "<text x=\"\(f(x($0.meanPredicted) + 5))\" y=\"\(f(y($0.observedRate) - 5))\" font-size=\"9\" fill=\"#555\">n=\($0.count)</text>"
        }.joined()
        return frame(title: "Calibration by decile (n = customers per bin)", xLabel: "mean predicted probability", yLabel: "observed churn rate",
                     body: "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>" + dots + counts)
    }

    /// Cumulative gains from `ClassificationMetrics.gainsCurve`, with the random (diagonal) and the
    /// perfect model's curves, and the lift at 10%, 20% and 30% of customers contacted.
    public static func gains(_ points: [(contacted: Double, captured: Double)], churnRate: Double) -> String {
        let path = points.map { "\(f(x($0.contacted))),\(f(y($0.captured)))" }.joined(separator: " ")
        let perfect = "\(f(x(0))),\(f(y(0))) \(f(x(min(1, churnRate)))),\(f(y(1))) \(f(x(1))),\(f(y(1)))"
        var lifts = ""
        for (k, share) in [0.1, 0.2, 0.3].enumerated() {
            let captured = points.last { $0.contacted <= share + 1e-12 }?.captured ?? 0
            lifts += "<text x=\"\(f(x(0.55)))\" y=\"\(f(y(0.25) + Double(k) * 14))\" font-size=\"11\">lift at \(Int(share * 100))%: \(String(format: "%.2f", captured / share))×</text>"
        }
        return frame(title: "Cumulative gains", xLabel: "share of customers contacted (highest risk first)", yLabel: "share of churners reached",
                     body: "<polyline points=\"\(perfect)\" fill=\"none\" stroke=\"#999\" stroke-width=\"1\"/>"
                        + "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"2\"/>" + lifts)
    }

    /// Writes an SVG with `AtomicFile` (temporary file, fsync, rename).
    public static func write(_ svg: String, to path: String) throws(DataError) {
        try AtomicFile.write(svg, to: path)
    }
}
