import AffinityNumerics

/// Texts of the optimizer warnings, each naming the solver, the iteration count and a fix.
enum ConvergenceWarning {
    static func message(solver: LogisticConfig.Solver, iterations: Int) -> String {
        "\(solver.rawValue) did not converge within \(iterations) iterations (--max-iter); the coefficients are usable "
            + "but not optimal. Raise --max-iter, or check that numeric columns are on sane scales."
    }

    static func lineSearch(solver: LogisticConfig.Solver, iterations: Int) -> String {
        "\(solver.rawValue) stopped after \(iterations) iterations: the line search found no decrease while the gradient "
            + "is still large. The problem is badly conditioned; raise --l2 or drop collinear columns."
    }
}

/// Text of the warning for perfectly separable data fitted without a penalty.
enum SeparationWarning {
    static func message(solver: LogisticConfig.Solver, iterations: Int) -> String {
        "the training data are perfectly separable (every row is on its label's side), so without a penalty "
            + "the coefficients would grow without bound; \(solver.rawValue) stopped at iteration \(iterations) with "
            + "finite coefficients. Use --l2 > 0 (for example 1.0) for a unique optimum."
    }
}

/// The margins are computed in single precision, so below a point the objective stops
/// decreasing measurably. A step that gains less than 1e-10 relative while the mean
/// gradient is already below 1e-4 counts as convergence.
enum SinglePrecisionFloor {
    static func reached(before: Double, after: Double, gradient: [Double], weightSum: Double) -> Bool {
        before - after <= 1e-10 * max(1, abs(before)) && gradient.maxMagnitude / weightSum <= 1e-4
    }
}
