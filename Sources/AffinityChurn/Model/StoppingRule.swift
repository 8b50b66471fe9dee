import AffinityNumerics

/// The checks both solvers make before each step, in one place.
enum StoppingRule {
    /// `true` when the gradient meets the tolerance (converged), `false` when the fit must stop
    /// unconverged (data separable without a penalty, or `maxIterations` reached; a warning naming
    /// the solver is appended), and nil when another step should be taken.
    static func check(_ value: LogisticObjective.Value, objective: LogisticObjective, config: LogisticConfig,
                      weightSum: Double, solver: LogisticConfig.Solver, iterations: Int, warnings: inout [String]) -> Bool? {
        if value.gradient.maxMagnitude / weightSum <= config.tolerance { return true }
        if objective.l2 == 0 && value.separates {
            warnings.append(SeparationWarning.message(solver: solver, iterations: iterations))
            return false
        }
        if iterations >= config.maxIterations {
            warnings.append(ConvergenceWarning.message(solver: solver, iterations: iterations))
            return false
        }
        return nil
    }
}
