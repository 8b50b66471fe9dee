/// Armijo backtracking line search, generic over what an evaluation returns.
public enum ArmijoSearch {
    /// Tries t = `initialStep`, t/2, t/4, … (at most `maxTrials` values): the point `trial(t)`
    /// is accepted when its loss is finite and ≤ `loss0` + 1e-4·`predicted(point, t)`, where
    /// `predicted` is the first-order change of the loss (t·gᵀd for a plain step, gᵀ(point − x)
    /// for a projected one; negative along a descent direction). Returns the accepted point
    /// and its evaluation, or nil when no trial decreased the loss enough.
    public static func backtrack<Value>(loss0: Double, initialStep: Double, maxTrials: Int,
                                        trial: (Double) -> [Double],
                                        predicted: ([Double], Double) -> Double,
                                        evaluate: ([Double]) -> Value,
                                        loss: (Value) -> Double) -> (point: [Double], value: Value)? {
        var t = initialStep
        for _ in 0..<maxTrials {
            let point = trial(t)
            let next = evaluate(point)
            let f = loss(next)
            if f.isFinite && f <= loss0 + 1e-4 * predicted(point, t) { return (point, next) }
            t *= 0.5
        }
        return nil
    }
}
