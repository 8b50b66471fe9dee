/// What an optimizer run did: the analogue of scikit-learn's `n_iter_` plus its
/// `ConvergenceWarning`s, as values the CLI prints and `--json` carries.
public struct FitReport: Sendable, Codable, Equatable {
    /// The optimizer that ran: `.newton` or `.lbfgs` (never `.auto`; stored as "newton" / "lbfgs").
    public var solver: LogisticConfig.Solver
    /// Optimizer iterations run.
    public var iterations: Int
    /// True when the gradient criterion was met within `maxIterations`.
    public var converged: Bool
    /// ‖∇f‖₂ / Σ sᵢ at the returned coefficients.
    public var gradientNorm: Double
    /// The objective (weighted summed log loss + penalty) at the returned coefficients.
    public var objective: Double
    /// Wall-clock seconds in the optimizer alone (no file loading or encoding).
    public var fitSeconds: Double
    /// Human-readable warnings (not converged, separable data, ...), each with a suggested fix.
    public var warnings: [String]

    public init(solver: LogisticConfig.Solver, iterations: Int, converged: Bool, gradientNorm: Double, objective: Double,
                fitSeconds: Double, warnings: [String]) {
        self.solver = solver
        self.iterations = iterations
        self.converged = converged
        self.gradientNorm = gradientNorm
        self.objective = objective
        self.fitSeconds = fitSeconds
        self.warnings = warnings
    }
}
