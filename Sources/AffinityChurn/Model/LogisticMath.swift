import Foundation

/// The one logistic link in Affinity: sigmoid, log(1 + eᶻ) and the logit, all
/// stable for large |z|. Every other file calls these.
public enum LogisticMath {
    /// 1 / (1 + e⁻ᶻ) without overflow.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + exp(-z))
        }
        let e = exp(z)
        return e / (1 + e)
    }

    /// log(1 + eᶻ) without overflow (the softplus).
    @inline(__always)
    public static func log1pExp(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    /// log(p / (1 − p)), with p clamped into [1e-15, 1 − 1e-15].
    @inline(__always)
    public static func logit(_ p: Double) -> Double {
        let q = min(max(p, 1e-15), 1 - 1e-15)
        return log(q / (1 - q))
    }

    /// The binary log loss of probability `p` for label `y` ∈ {0, 1}, clamped like `logit`.
    @inline(__always)
    public static func logLoss(probability p: Double, label y: Double) -> Double {
        let q = min(max(p, 1e-15), 1 - 1e-15)
        return -(y * log(q) + (1 - y) * log(1 - q))
    }
}
