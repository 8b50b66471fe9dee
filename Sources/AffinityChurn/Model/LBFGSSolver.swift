/// Limited-memory BFGS (two-loop recursion) with an Armijo backtracking line search.
/// Costs one gradient pass per trial point and O(m·d) memory: the solver for wide data.
enum LBFGSSolver {
    static func run(_ objective: LogisticObjective, start: [Double], config: LogisticConfig,
                    weightSum: Double) -> (coefficients: [Double], report: FitReport) {
        let began = ContinuousClock.now
        var w = start
        var value = objective.evaluate(w, hessian: false)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var iterations = 0, converged = false
        var warnings: [String] = []
        while true {
            if let stop = StoppingRule.check(value, objective: objective, config: config, weightSum: weightSum,
                                             solver: .lbfgs, iterations: iterations, warnings: &warnings) {
                converged = stop
                break
            }
            var direction = twoLoop(value.gradient, s, y, rho)
            var slope = value.gradient.inner(direction)
            if !(slope < 0) {
                s.removeAll(); y.removeAll(); rho.removeAll()
                direction = value.gradient.map { -$0 }
                slope = value.gradient.inner(direction)
            }
            let initialStep = s.isEmpty ? min(1, 1 / max(value.gradient.euclideanNorm, 1e-12)) : 1.0
            let found = LineSearch.backtrack(objective, from: w, value: value, direction: direction, slope: slope,
                                             initialStep: initialStep, maxTrials: 50, hessian: false)
            iterations += 1
            guard let (trial, next) = found else {
                converged = LineSearch.stalled(at: value, weightSum: weightSum, solver: .lbfgs,
                                               iterations: iterations, warnings: &warnings)
                break
            }
            let sk = zip(trial, w).map { $0 - $1 }
            let yk = zip(next.gradient, value.gradient).map { $0 - $1 }
            let sy = sk.inner(yk)
            if sy > 1e-12 * sk.euclideanNorm * yk.euclideanNorm {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > config.lbfgsMemory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            let floor = SinglePrecisionFloor.reached(before: value.loss, after: next.loss,
                                                     gradient: next.gradient, weightSum: weightSum)
            w = trial
            value = next
            if floor { converged = true; break }
        }
        return (w, FitReport(solver: .lbfgs, iterations: iterations, converged: converged, final: value,
                             weightSum: weightSum, began: began, warnings: warnings))
    }

    /// −H⁻¹·g from the stored pairs (newest last), scaled by sᵀy / yᵀy.
    private static func twoLoop(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[k] = rho[k] * s[k].inner(q)
            q = q.moved(by: -alpha[k], along: y[k])
        }
        if let last = s.indices.last {
            let gamma = s[last].inner(y[last]) / y[last].inner(y[last])
            q = q.map { $0 * gamma }
        }
        for k in 0..<s.count {
            let beta = rho[k] * y[k].inner(q)
            q = q.moved(by: alpha[k] - beta, along: s[k])
        }
        return q.map { -$0 }
    }
}
