import Foundation

extension Reason {
    /// The reason as one CSV cell: "Contract = Month-to-month (+0.82)" (`text` and the logit contribution).
    public var cell: String { "\(text) (+\(String(format: "%.2f", contribution)))" }
}
