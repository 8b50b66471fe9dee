import AffinityNumerics

/// Limited-memory BFGS (two-loop recursion) with an Armijo backtracking line search.
/// Costs one gradient pass per trial point and O(m·d) memory: the solver for wide data.
enum LBFGSSolver {
    static func run(_ objective: LogisticObjective, start: [Double], config: LogisticConfig,
                    weightSum: Double) -> (coefficients: [Double], report: FitReport) {
        let began = ContinuousClock.now
        var w = start
        var value = objective.evaluate(w, hessian: false)
        var memory = LBFGSMemory(capacity: config.lbfgsMemory)
        var iterations = 0, converged = false
        var warnings: [String] = []
        while true {
            if let stop = StoppingRule.check(value, objective: objective, config: config, weightSum: weightSum,
                                             solver: .lbfgs, iterations: iterations, warnings: &warnings) {
                converged = stop
                break
            }
            var direction = memory.direction(value.gradient)
            var slope = value.gradient.inner(direction)
            if !(slope < 0) {
                memory.reset()
                direction = value.gradient.map { -$0 }
                slope = value.gradient.inner(direction)
            }
            let initialStep = memory.isEmpty ? min(1, 1 / max(value.gradient.euclideanNorm, 1e-12)) : 1.0
            let found = LineSearch.backtrack(objective, from: w, value: value, direction: direction, slope: slope,
                                             initialStep: initialStep, maxTrials: 50, hessian: false)
            iterations += 1
            guard let (trial, next) = found else {
                converged = LineSearch.stalled(at: value, weightSum: weightSum, solver: .lbfgs,
                                               iterations: iterations, warnings: &warnings)
                break
            }
            memory.update(step: zip(trial, w).map { $0 - $1 },
                          gradientChange: zip(next.gradient, value.gradient).map { $0 - $1 })
            let floor = SinglePrecisionFloor.reached(before: value.loss, after: next.loss,
                                                     gradient: next.gradient, weightSum: weightSum)
            w = trial
            value = next
            if floor { converged = true; break }
        }
        return (w, FitReport(solver: .lbfgs, iterations: iterations, converged: converged, final: value,
                             weightSum: weightSum, began: began, warnings: warnings))
    }
}
