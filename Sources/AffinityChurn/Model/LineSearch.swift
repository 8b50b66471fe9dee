import AffinityData
import AffinityNumerics

/// Armijo backtracking, shared by the Newton and L-BFGS solvers.
enum LineSearch {
    /// Halves the step from `initialStep` until f(w + t·d) ≤ f(w) + 1e-4·t·slope, trying at most
    /// `maxTrials` steps. Returns the accepted point and its evaluation, or nil when no trial
    /// decreased the loss measurably.
    static func backtrack(_ objective: LogisticObjective, from w: [Double], value: LogisticObjective.Value,
                          direction: [Double], slope: Double, initialStep: Double, maxTrials: Int,
                          hessian: Bool) -> (point: [Double], value: LogisticObjective.Value)? {
        ArmijoSearch.backtrack(loss0: value.loss, initialStep: initialStep, maxTrials: maxTrials,
                               trial: { w.moved(by: $0, along: direction) }, predicted: { _, t in t * slope },
                               evaluate: { objective.evaluate($0, hessian: hessian) }, loss: { $0.loss })
    }

    /// After a failed search no decrease is measurable in single precision: the fit counts as
    /// converged when the gradient is already small, and otherwise gets a line-search warning.
    static func stalled(at value: LogisticObjective.Value, weightSum: Double, solver: LogisticConfig.Solver, iterations: Int,
                        warnings: inout [String]) -> Bool {
        let converged = value.gradient.maxMagnitude / weightSum <= 1e-3
        if !converged { warnings.append(ConvergenceWarning.lineSearch(solver: solver, iterations: iterations)) }
        return converged
    }
}

extension FitReport {
    /// The report of a finished run: gradient norm and objective read off the final evaluation,
    /// seconds measured from `began`.
    init(solver: LogisticConfig.Solver, iterations: Int, converged: Bool, final value: LogisticObjective.Value,
         weightSum: Double, began: ContinuousClock.Instant, warnings: [String]) {
        self.init(solver: solver, iterations: iterations, converged: converged,
                  gradientNorm: value.gradient.euclideanNorm / weightSum, objective: value.loss,
                  fitSeconds: began.duration(to: .now).inSeconds, warnings: warnings)
    }
}
