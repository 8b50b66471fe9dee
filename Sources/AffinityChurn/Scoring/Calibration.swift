/// Maps the model's logit to a calibrated probability, fitted on a held-out fold.
public enum Calibration: Sendable, Codable, Equatable {
    /// Platt scaling: σ(a·logit + b).
    case platt(a: Double, b: Double)
    /// Isotonic regression: a non-decreasing step function of the logit, interpolated
    /// linearly between the block means at `logits`.
    case isotonic(logits: [Double], probabilities: [Double])

    public func apply(logit z: Double) -> Double {
        switch self {
        case .platt(let a, let b):
            return LogisticMath.sigmoid(a * z + b)
        case .isotonic(let xs, let ys):
            guard let first = xs.first, let last = xs.last else { return LogisticMath.sigmoid(z) }
            if z <= first { return ys[0] }
            if z >= last { return ys[ys.count - 1] }
            var lo = 0, hi = xs.count - 1
            while hi - lo > 1 { let mid = (lo + hi) / 2; if xs[mid] <= z { lo = mid } else { hi = mid } }
            let t = xs[hi] > xs[lo] ? (z - xs[lo]) / (xs[hi] - xs[lo]) : 0
            return ys[lo] + t * (ys[hi] - ys[lo])
        }
    }

    /// Which calibration to fit.
    public enum Method: String, Sendable, Codable, CaseIterable { case none, platt, isotonic }
}
